package org.labpose.multianimal.track;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.multianimal.assembly.FrameAssembly;

/**
 * From per-frame animals to identities: the frame-to-frame {@link Tracker} makes tracklets, the
 * {@link Stitcher} joins them into one track per individual, and the tracks fill a DeepLabCut
 * multi-animal pose table (individuals in the layout's order, tracks ordered by their first frame;
 * unique bodyparts under {@code single}).
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
      return new Settings(tracker, n, minTrackletLength);
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
      throw new IllegalArgumentException("--n-tracks " + n + " is more than the project's " + individuals.size()
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
    for (int t = 0; t < tracks.size(); t++) {
      Tracklet tr = tracks.get(t);
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
    return new Result(table, tracklets.size(), tracks.size(), left);
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
    DlcPredictionCsv.write(r.table(), csv);
    return r;
  }
}
