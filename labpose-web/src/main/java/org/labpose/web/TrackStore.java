package org.labpose.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.Project;
import org.labpose.core.project.ProjectConfig;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.track.MultiAnimalTracking;
import org.labpose.multianimal.track.TrackEdits;
import org.labpose.video.io.Images;
import org.labpose.video.io.VideoFrameSource;

/**
 * The analysed multi-animal videos of a project and the corrections made to their tracks in the
 * track view. A video's prediction CSV stays as {@code analyze} wrote it; corrections are a list of
 * edits ({@code <stem>_track_edits.json}) replayed into {@code <stem>_refined.csv}, both written
 * atomically after every edit. Each video's state has a version; an edit or undo sent against an
 * older version (another tab changed it) is refused as a conflict. Thread-safe.
 */
public final class TrackStore implements AutoCloseable {
  private final Project project;
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  public TrackStore(Project project) {
    this.project = project;
  }

  /** One analysed video. */
  public record Video(String id, Path video, Path csv) {}

  /** The project's videos with a multi-animal prediction CSV beside them, by CSV file name. */
  public synchronized List<Video> videos() throws IOException {
    List<Video> out = new ArrayList<>();
    for (ProjectConfig.VideoSet vs : project.config().videoSets()) {
      Path v = project.resolveVideo(vs.path());
      if (!Files.isRegularFile(v)) {
        continue;
      }
      Optional<Path> csv = ProjectLayout.findPredictions(v, false);
      if (csv.isPresent() && Files.isRegularFile(ProjectLayout.assemblies(csv.get()))) {
        out.add(new Video(csv.get().getFileName().toString(), v, csv.get()));
      }
    }
    return out;
  }

  /**
   * A video's tracks with their corrections.
   *
   * @param version changes with every edit, undo or re-stitch
   * @param tracks the refined tracks (the CSV with the edits applied)
   */
  public record State(Video video, long version, List<TrackEdits.Edit> edits, PoseTable tracks, List<TrackEdits.Crossing> crossings) {}

  /** The outcome of a change: applied, or refused because the version was not the current one. */
  public record Change(boolean applied, State state) {}

  /** The current state of a video, or null when {@code id} names no analysed video. */
  public synchronized State state(String id) throws IOException {
    Session s = session(id);
    return s == null ? null : s.state();
  }

  /** Adds an edit if {@code version} is current. */
  public synchronized Change edit(String id, long version, TrackEdits.Edit edit) throws IOException {
    Session s = session(id);
    if (s.version != version) {
      return new Change(false, s.state());
    }
    List<TrackEdits.Edit> next = new ArrayList<>(s.edits);
    next.add(edit);
    PoseTable refined = TrackEdits.apply(s.original, next); // refuses unknown individuals before anything is written
    s.save(next, refined);
    return new Change(true, s.state());
  }

  /** Removes the last edit if {@code version} is current. */
  public synchronized Change undo(String id, long version) throws IOException {
    Session s = session(id);
    if (s.version != version || s.edits.isEmpty()) {
      return new Change(s.version == version && s.edits.isEmpty(), s.state());
    }
    List<TrackEdits.Edit> next = new ArrayList<>(s.edits.subList(0, s.edits.size() - 1));
    s.save(next, TrackEdits.apply(s.original, next));
    return new Change(true, s.state());
  }

  /**
   * Redoes the tracking from the kept per-frame animals (the CSV is rewritten) and drops the edits,
   * which were made for the old tracks.
   */
  public synchronized Change restitch(String id, long version) throws IOException {
    Session s = session(id);
    if (s.version != version) {
      return new Change(false, s.state());
    }
    MultiAnimalTracking.restitch(s.video.csv(), MultiAnimalTracking.Settings.fromConfig(project.config().get("tracking")));
    s.original = ProjectLayout.readPredictions(s.video.csv());
    s.save(List.of(), s.original);
    return new Change(true, s.state());
  }

  /** Frame {@code frame} of the video as JPEG bytes, or null outside the video. */
  public synchronized byte[] frameJpeg(String id, int frame) throws IOException {
    Session s = session(id);
    if (s == null) {
      return null;
    }
    if (s.source == null) {
      s.source = new VideoFrameSource(s.video.video(), 1);
    }
    if (frame < 0 || (s.source.frameCount() > 0 && frame >= s.source.frameCount())) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(Images.toBuffered(s.source.read(frame)), "jpg", out);
    return out.toByteArray();
  }

  private Session session(String id) throws IOException {
    Session s = sessions.get(id);
    if (s != null) {
      return s;
    }
    for (Video v : videos()) {
      if (v.id().equals(id)) {
        s = new Session(v);
        sessions.put(id, s);
        return s;
      }
    }
    return null;
  }

  @Override
  public synchronized void close() {
    for (Session s : sessions.values()) {
      if (s.source != null) {
        s.source.close();
      }
    }
    sessions.clear();
  }

  private static final class Session {
    final Video video;
    PoseTable original;
    List<TrackEdits.Edit> edits;
    PoseTable refined;
    long version;
    List<TrackEdits.Crossing> crossings;
    VideoFrameSource source;

    Session(Video video) throws IOException {
      this.video = video;
      this.original = ProjectLayout.readPredictions(video.csv());
      Path editsFile = ProjectLayout.trackEdits(video.csv());
      this.edits = new ArrayList<>(TrackEdits.read(editsFile));
      this.refined = TrackEdits.apply(original, edits);
      this.crossings = TrackEdits.crossings(refined, crossingDistance(refined));
      // save() writes the edits, then the refined tracks: a server killed in between left them stale
      Path refinedFile = ProjectLayout.refined(video.csv());
      if (!edits.isEmpty() && (!Files.exists(refinedFile)
          || Files.getLastModifiedTime(refinedFile).compareTo(Files.getLastModifiedTime(editsFile)) < 0)) {
        org.labpose.core.io.dlc.DlcH5.writeCsvAndH5(refined, refinedFile);
      }
    }

    void save(List<TrackEdits.Edit> next, PoseTable table) throws IOException {
      TrackEdits.write(ProjectLayout.trackEdits(video.csv()), next);
      org.labpose.core.io.dlc.DlcH5.writeCsvAndH5(table, ProjectLayout.refined(video.csv()));
      edits = new ArrayList<>(next);
      refined = table;
      crossings = TrackEdits.crossings(refined, crossingDistance(refined));
      version++;
    }

    State state() {
      return new State(video, version, List.copyOf(edits), refined, crossings);
    }
  }

  /** Two animals are crossing when their centroids are closer than their median body extent. */
  static double crossingDistance(PoseTable t) {
    List<Double> sizes = new ArrayList<>();
    for (String ind : t.layout().individuals()) {
      for (int f = 0; f < t.frameCount(); f += Math.max(1, t.frameCount() / 500)) {
        double minx = Double.MAX_VALUE, maxx = -Double.MAX_VALUE, miny = Double.MAX_VALUE, maxy = -Double.MAX_VALUE;
        int n = 0;
        for (String b : t.layout().bodyparts()) {
          var k = new org.labpose.core.model.KeypointId(ind, b);
          if (!Double.isNaN(t.x(f, k))) {
            minx = Math.min(minx, t.x(f, k));
            maxx = Math.max(maxx, t.x(f, k));
            miny = Math.min(miny, t.y(f, k));
            maxy = Math.max(maxy, t.y(f, k));
            n++;
          }
        }
        if (n >= 2) {
          sizes.add(Math.hypot(maxx - minx, maxy - miny));
        }
      }
    }
    if (sizes.isEmpty()) {
      return 50;
    }
    sizes.sort(null);
    return Math.max(10, sizes.get(sizes.size() / 2));
  }
}
