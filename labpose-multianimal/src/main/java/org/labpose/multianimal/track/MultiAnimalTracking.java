package org.labpose.multianimal.track;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.labpose.core.SettingException;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ConfigSection;
import org.labpose.multianimal.assembly.FrameAssembly;

/**
 * From per-frame animals to identities: the frame-to-frame {@link Tracker} makes tracklets, the
 * {@link Stitcher} joins them into one track per individual, and the tracks fill a DeepLabCut
 * multi-animal pose table (unique bodyparts under {@code single}): with an identity head each track
 * under the individual its detections vote for, else the layout's individuals in the order of the
 * tracks' first frames.
 */
public final class MultiAnimalTracking {
  private MultiAnimalTracking() {}

  /**
   * Tracking settings.
   *
   * @param tracker frame-to-frame linking
   * @param tracks number of tracks (0: one per individual of the layout)
   * @param minTrackletLength tracklets shorter than this (frames) are put back after stitching
   */
  public record Settings(TrackerParams tracker, int tracks, int minTrackletLength) {
    public static Settings defaults() {
      return new Settings(TrackerParams.defaults(), 0, 10);
    }

    public Settings withTracks(int n) {
      if (n < 0) {
        throw new SettingException("n_tracks", "must be 1 or more, got " + n);
      }
      return new Settings(tracker, n, minTrackletLength);
    }

    /**
     * The config's {@code tracking} section (DeepLabCut's names where it has them): {@code method}
     * ({@code keypoints} or {@code box}), {@code max_age}, {@code min_hits}, {@code iou_threshold},
     * {@code box_slack} (px), {@code max_distance} (px, 0 = automatic), {@code min_tracklet_length}
     * (frames), {@code n_tracks}; absent keys keep their defaults.
     *
     * @throws SettingException naming the key that has an unusable value
     */
    public static Settings fromConfig(Object section) {
      Settings d = defaults();
      ConfigSection c = ConfigSection.of("tracking", section,
          List.of("method", "max_age", "min_hits", "iou_threshold", "box_slack", "max_distance", "min_tracklet_length", "n_tracks"));
      TrackerParams t = d.tracker();
      try {
        t = new TrackerParams(c.whole("max_age", t.maxAge()), c.whole("min_hits", t.minHits()),
            c.number("iou_threshold", t.iouThreshold()), c.number("box_slack", t.boxSlack()),
            c.text("method", t.method()), c.number("max_distance", t.maxDistance()));
      } catch (SettingException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new SettingException("tracking", e.getMessage().replaceFirst("^tracking ", ""));
      }
      int min = c.whole("min_tracklet_length", d.minTrackletLength());
      if (min < 3) {
        throw c.bad("min_tracklet_length", "must be at least 3 frames, got " + min);
      }
      int n = c.whole("n_tracks", 0);
      if (n < 0) {
        throw c.bad("n_tracks", "must be 1 or more, got " + n);
      }
      return new Settings(t, n, min);
    }
  }

  /**
   * What tracking made.
   *
   * @param table the tracks as a pose table
   * @param tracklets tracklets the tracker made (before splitting at gaps)
   * @param tracksFilled tracks with at least one frame
   * @param framesLeftOut animal-frames in short tracklets that fit no track
   */
  public record Result(PoseTable table, int tracklets, int tracksFilled, int framesLeftOut) {}

  /**
   * Tracks frames of animals (frame indices increasing) into a table of {@code frameCount} rows.
   *
   * @throws StitchException when the animals cannot be split into the number of tracks
   */
  public static Result track(List<AssembliesFile.Frame> frames, int frameCount, KeypointLayout layout, String scorer,
      Settings s) {
    List<String> individuals = layout.individuals();
    int n = s.tracks() > 0 ? s.tracks() : individuals.size();
    if (n > individuals.size()) {
      throw new SettingException("n_tracks", n + " is more than the project's " + individuals.size()
          + " individuals " + individuals);
    }
    List<String> bodyparts = layout.bodyparts();
    List<String> unique = layout.uniqueBodyparts();
    Tracker tracker = new Tracker(s.tracker());
    PoseTable table = new PoseTable(scorer, layout, frameCount);
    for (AssembliesFile.Frame f : frames) {
      if (f.frame() >= frameCount) {
        throw new IllegalArgumentException("frame " + f.frame() + " of the assemblies is beyond the video's " + frameCount + " frames");
      }
      FrameAssembly fa = f.assembly();
      tracker.update(f.frame(), fa.animals());
      for (int u = 0; u < unique.size() && u < fa.unique().length; u++) {
        double[] v = fa.unique()[u];
        if (!Double.isNaN(v[0])) {
          table.set(f.frame(), new KeypointId(KeypointId.UNIQUE, unique.get(u)), v[0], v[1], v[2]);
        }
      }
    }
    Map<Integer, Tracklet> tracklets = tracker.tracklets();
    if (tracklets.isEmpty()) {
      return new Result(table, 0, 0, 0);
    }
    Stitcher.Result st = new Stitcher(new StitchParams(n, Math.max(3, s.minTrackletLength()), true, true, 0))
        .stitch(new ArrayList<>(tracklets.values()));
    List<Tracklet> tracks = new ArrayList<>(st.tracks());
    tracks.sort(Comparator.comparingInt(Tracklet::start).thenComparingDouble(t -> t.centroid()[0][0]));
    tracks = byIdentity(tracks, individuals.size());
    for (int t = 0; t < tracks.size(); t++) {
      Tracklet tr = tracks.get(t);
      if (tr == null) {
        continue;
      }
      for (int i = 0; i < tr.size(); i++) {
        for (int b = 0; b < bodyparts.size(); b++) {
          if (!Double.isNaN(tr.value(i, b, 0))) {
            table.set(tr.frame(i), new KeypointId(individuals.get(t), bodyparts.get(b)), tr.value(i, b, 0),
                tr.value(i, b, 1), tr.value(i, b, 2));
          }
        }
      }
    }
    int left = 0;
    for (Tracklet t : st.leftOut()) {
      left += t.size();
    }
    return new Result(table, tracklets.size(), (int) tracks.stream().filter(java.util.Objects::nonNull).count(), left);
  }

  /**
   * With an identity head, each track goes to the individual its detections vote for (one-to-one,
   * most votes overall, by the Hungarian algorithm); without one the order stays. Returns the tracks
   * by individual (null where an individual has no track).
   */
  static List<Tracklet> byIdentity(List<Tracklet> tracks, int individuals) {
    double[][] votes = new double[tracks.size()][individuals];
    boolean any = false;
    for (int t = 0; t < tracks.size(); t++) {
      Tracklet tr = tracks.get(t);
      if (tr == null) {
        continue;
      }
      for (int i = 0; i < tr.size(); i++) {
        for (int b = 0; b < tr.bodyparts(); b++) {
          double id = tr.value(i, b, 3);
          if (!Double.isNaN(id) && id >= 0 && id < individuals) {
            votes[t][(int) id]++;
            any = true;
          }
        }
      }
    }
    if (!any) {
      return tracks;
    }
    Tracklet[] out = new Tracklet[individuals];
    List<Tracklet> unplaced = new ArrayList<>();
    boolean[] placed = new boolean[tracks.size()];
    for (int[] p : org.labpose.multianimal.Matching.maximumAssignment(votes)) {
      out[p[1]] = tracks.get(p[0]);
      placed[p[0]] = true;
    }
    for (int t = 0; t < tracks.size(); t++) {
      if (!placed[t]) {
        unplaced.add(tracks.get(t));
      }
    }
    for (int i = 0; i < individuals && !unplaced.isEmpty(); i++) {
      if (out[i] == null) {
        out[i] = unplaced.remove(0);
      }
    }
    return java.util.Arrays.asList(out);
  }

  /**
   * Redoes the tracking of an analysed video's prediction CSV from the {@code _assemblies.jsonl}
   * beside it (its layout, scorer and frame count stay) and rewrites the CSV atomically.
   */
  public static Result restitch(Path csv, Settings s) throws IOException {
    Path assemblies = org.labpose.core.project.ProjectLayout.assemblies(csv);
    if (!java.nio.file.Files.isRegularFile(assemblies)) {
      throw new InputFormatException(csv, null, "no " + assemblies.getFileName()
          + " beside it: only a multi-animal analysis keeps the animals of each frame (analyse the video again)");
    }
    PoseTable old = org.labpose.core.project.ProjectLayout.readPredictions(csv);
    if (!old.layout().isMultiAnimal()) {
      throw new InputFormatException(csv, "header", "not a multi-animal prediction file (no individuals row)");
    }
    return restitch(assemblies, csv, old.frameCount(), old.layout(), old.scorer(), s);
  }

  /**
   * Redoes the tracking of an analysed video from its {@code _assemblies.jsonl} and writes the
   * prediction CSV atomically.
   */
  public static Result restitch(Path assemblies, Path csv, int frameCount, KeypointLayout layout, String scorer,
      Settings s) throws IOException {
    List<AssembliesFile.Frame> frames =
        AssembliesFile.read(assemblies, layout.bodyparts().size(), layout.uniqueBodyparts().size());
    Result r;
    try {
      r = track(frames, frameCount, layout, scorer, s);
    } catch (StitchException | IllegalArgumentException e) {
      throw new InputFormatException(assemblies, null, e.getMessage());
    }
    org.labpose.core.io.dlc.DlcH5.writeCsvAndH5(r.table(), csv);
    return r;
  }
}
