package org.labpose.net.infer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.labpose.core.SettingException;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.CsvTable;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.core.project.ProjectLayout;
import org.labpose.multianimal.assembly.FrameAssembly;
import org.labpose.multianimal.track.AssembliesFile;
import org.labpose.multianimal.track.MultiAnimalTracking;
import org.labpose.net.model.ModelInfo;
import org.labpose.video.io.FrameSource;
import org.labpose.video.io.FrameStream;
import org.labpose.video.io.ImageFolderSource;
import org.labpose.video.io.VideoFrameSource;

/**
 * Analyses a video with a trained model into a DeepLabCut prediction CSV, streaming: a {@link
 * FrameStream} decodes and prepares frames on its own thread into a bounded queue, the calling thread runs batched
 * inference and appends rows to a partial file, so memory stays flat in the video's length. The
 * CSV appears under its name only when the video is complete; {@code resume} continues a partial
 * file from its last complete row.
 */
public final class VideoAnalyzer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Progress per batch: frames done, total (claimed), frames per second. */
  public interface Listener {
    void frames(int done, int total, double fps);
  }

  /** What an analysis produced. */
  public record Result(Path csv, int frames, double seconds, int resumedFrom) {}

  private final PosePredictor predictor;
  private final String scorer;
  private final int batchSize;
  private final int decodeThreads;
  private final int prepareThreads;
  /** Tracking settings of multi-animal analyses. */
  private MultiAnimalTracking.Settings tracking = MultiAnimalTracking.Settings.defaults();

  /** An analyser with one decoding and one preparing thread (right for CPU inference, which needs the cores). */
  public VideoAnalyzer(PosePredictor predictor, String scorer, int batchSize) {
    this(predictor, scorer, batchSize, 1, 1);
  }

  /**
   * @param decodeThreads FFmpeg's decoding threads (0: FFmpeg's choice)
   * @param prepareThreads threads that scale and normalise frames for the network (more keep a GPU fed)
   */
  public VideoAnalyzer(PosePredictor predictor, String scorer, int batchSize, int decodeThreads, int prepareThreads) {
    if (batchSize < 1) {
      throw new SettingException("batchSize", "must be at least 1, got " + batchSize);
    }
    if (decodeThreads < 0 || prepareThreads < 1) {
      throw new SettingException("decodeThreads, prepareThreads", "decode threads must be 0 (automatic) or more and prepare threads at least 1, got "
          + decodeThreads + " and " + prepareThreads);
    }
    this.predictor = predictor;
    this.scorer = scorer;
    this.batchSize = batchSize;
    this.decodeThreads = decodeThreads;
    this.prepareThreads = prepareThreads;
  }

  /** The keypoint layout of the model's output. */
  public static KeypointLayout layout(ModelInfo info) {
    List<KeypointId> ks = new ArrayList<>();
    for (String k : info.keypoints()) {
      int slash = k.indexOf('/');
      ks.add(slash < 0 ? KeypointId.of(k) : new KeypointId(k.substring(0, slash), k.substring(slash + 1)));
    }
    return new KeypointLayout(ks, info.multiAnimal());
  }

  /**
   * Analyses one video into {@code csv} (and {@code <csv stem>_meta.json}).
   *
   * @throws InputFormatException when the video cannot be opened or a frame cannot be decoded (the
   *     partial file is kept for {@code resume})
   */
  public Result analyze(Path video, Path csv, boolean resume, Listener listener) throws IOException {
    return analyze(video, () -> new VideoFrameSource(video, decodeThreads), csv, resume, listener);
  }

  /** Opens the frames to analyse. */
  @FunctionalInterface
  public interface Opener {
    FrameSource open() throws IOException;
  }

  /**
   * Analyses a folder of images (time-lapse frames) in file-name order: row {@code i} of the CSV is
   * the {@code i}-th image; {@code _meta.json} lists the image files in that order.
   */
  public Result analyzeImages(Path folder, Path csv, boolean resume, Listener listener) throws IOException {
    return analyze(folder, () -> new ImageFolderSource(folder), csv, resume, listener);
  }

  /** Sets how a multi-animal analysis tracks its animals; returns this analyser. */
  public VideoAnalyzer withTracking(MultiAnimalTracking.Settings settings) {
    this.tracking = settings;
    return this;
  }

  private Result analyze(Path video, Opener opener, Path csv, boolean resume, Listener listener) throws IOException {
    if (predictor.info().multiAnimalHead() != null) {
      return analyzeAnimals(video, opener, csv, resume, listener);
    }
    KeypointLayout layout = layout(predictor.info());
    Path partial = ProjectLayout.partial(csv);
    Streamed s = streamToPartial(video, opener, partial, resume, () -> completeRows(partial, layout),
        () -> DlcPredictionCsv.write(new PoseTable(scorer, layout, 0), partial),
        listener, (out, batch, first) -> {
          double[][] res = predictor.predictPrepared(batch);
          for (int i = 0; i < res.length; i++) {
            writeRow(out, first + i, res[i]);
          }
        });
    double secs = (System.nanoTime() - s.t0()) / 1e9;
    Files.move(partial, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    // DeepLabCut's .h5 beside the CSV, as analyze_videos writes it (read back: the rows were streamed)
    org.labpose.core.io.dlc.DlcH5.writePredictions(DlcPredictionCsv.read(csv), org.labpose.core.io.dlc.DlcH5.besideCsv(csv));
    AtomicFiles.writeString(ProjectLayout.meta(csv), JSON.writeValueAsString(meta(video, s, secs)));
    return new Result(csv, s.done(), secs, s.start());
  }

  /**
   * A bottom-up multi-animal model: each frame's animals are appended to
   * {@code <stem>_assemblies.jsonl} as the video streams (a killed run resumes after its last
   * complete frame); once the video is complete they are tracked and stitched into one track per
   * individual and the CSV (DeepLabCut's multi-animal layout) is written.
   */
  private Result analyzeAnimals(Path video, Opener opener, Path csv, boolean resume, Listener listener) throws IOException {
    var head = predictor.info().multiAnimalHead();
    Path assemblies = ProjectLayout.assemblies(csv);
    Path partial = ProjectLayout.partial(assemblies);
    double assemblyBefore = predictor.assemblySeconds();
    predictor.startVideo();
    Streamed s = streamToPartial(video, opener, partial, resume,
        () -> AssembliesFile.completeFrames(partial, head.bodyparts().size(), head.unique().size()),
        () -> Files.writeString(partial, ""),
        listener, (out, batch, first) -> {
          int f = first;
          for (FrameAssembly fa : predictor.predictAnimals(batch, true)) {
            AssembliesFile.append(out, f++, fa);
          }
        });
    double inferSecs = (System.nanoTime() - s.t0()) / 1e9;
    Files.move(partial, assemblies, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    long t1 = System.nanoTime();
    MultiAnimalTracking.Result tr = MultiAnimalTracking.restitch(assemblies, csv, s.done(), layout(predictor.info()), scorer, tracking);
    double trackSecs = (System.nanoTime() - t1) / 1e9;
    double secs = (System.nanoTime() - s.t0()) / 1e9;
    Map<String, Object> meta = meta(video, s, secs);
    meta.put("assemblies", assemblies.getFileName().toString());
    meta.put("tracklets", tr.tracklets());
    meta.put("tracks", tr.tracksFilled());
    meta.put("animal_frames_left_out", tr.framesLeftOut());
    meta.put("assembly_seconds", predictor.assemblySeconds() - assemblyBefore);
    meta.put("tracking_seconds", trackSecs);
    meta.put("inference_seconds", inferSecs);
    AtomicFiles.writeString(ProjectLayout.meta(csv), JSON.writeValueAsString(meta));
    return new Result(csv, s.done(), secs, s.start());
  }

  /** What a stream into a partial file did: frames from {@code start} to {@code done}, started at {@code t0} (ns). */
  private record Streamed(int start, int done, List<String> imageNames, long t0) {}

  /** Counts the complete frames of a partial file (cutting off a half-written end); returns the next frame. */
  @FunctionalInterface
  private interface Resume {
    int completeFrames() throws IOException;
  }

  /** Starts a new partial file. */
  @FunctionalInterface
  private interface Fresh {
    void write() throws IOException;
  }

  /** Appends one batch's results, {@code first} being the frame index of {@code batch[0]}. */
  @FunctionalInterface
  private interface Rows {
    void write(BufferedWriter out, PosePredictor.Input[] batch, int first) throws IOException;
  }

  /**
   * Opens the frames (before anything is written: a video that cannot be opened leaves no file),
   * starts or resumes {@code partial}, and appends every batch's results to it; a video shorter than
   * its container claims stops with the frame, the partial file kept for {@code resume}.
   */
  private Streamed streamToPartial(Path video, Opener opener, Path partial, boolean resume, Resume resumer, Fresh fresh,
      Listener listener, Rows rows) throws IOException {
    long t0 = System.nanoTime();
    int start = 0;
    List<String> imageNames = null;
    int done;
    try (FrameSource src = opener.open()) {
      if (resume && Files.exists(partial)) {
        start = resumer.completeFrames();
      } else {
        Files.deleteIfExists(partial);
        fresh.write();
      }
      if (src instanceof ImageFolderSource ifs) {
        imageNames = ifs.files().stream().map(f -> f.getFileName().toString()).toList();
      }
      try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
        int total = src.frameCount();
        done = stream(src, start, total, t0, listener, (batch, next) -> {
          rows.write(out, batch, next);
          out.flush();
        });
        if (total > 0 && done < total) {
          throw new InputFormatException(video, "frame " + done,
              "the video ends after " + done + " frames but the container claims " + total + " (truncated?); partial results kept in " + partial);
        }
      }
    }
    return new Streamed(start, done, imageNames, t0);
  }

  /** The {@code _meta.json} entries every analysis writes. */
  private String command;
  private String modelSha256;

  /** Records the command line that runs this analysis in each {@code _meta.json}. */
  public VideoAnalyzer withCommand(String commandLine) {
    this.command = commandLine;
    return this;
  }

  private Map<String, Object> meta(Path video, Streamed s, double secs) throws IOException {
    ModelInfo info = predictor.info();
    if (modelSha256 == null && predictor.snapshot() != null) {
      modelSha256 = org.labpose.core.io.Checksums.sha256(predictor.snapshot());
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put(s.imageNames() == null ? "video" : "image_folder", video.toAbsolutePath().toString());
    if (s.imageNames() != null) {
      meta.put("images", s.imageNames());
    }
    meta.put("scorer", scorer);
    meta.put("model", predictor.snapshot() == null ? null : predictor.snapshot().toAbsolutePath().toString());
    meta.put("model_sha256", modelSha256);
    if (command != null) {
      meta.put("command", command);
    }
    meta.put("net", info.net());
    meta.put("global_scale", info.globalScale());
    meta.put("batch_size", batchSize);
    meta.put("frames", s.done());
    meta.put("resumed_from_frame", s.start());
    meta.put("seconds", secs);
    meta.put("frames_per_second", (s.done() - s.start()) / Math.max(1e-9, secs));
    return meta;
  }

  /** What each batch of prepared frames becomes: {@code first} is the frame index of {@code batch[0]}. */
  @FunctionalInterface
  private interface BatchSink {
    void accept(PosePredictor.Input[] batch, int first) throws IOException;
  }

  /**
   * Streams the frames from {@code start} (decoded and prepared ahead on their own threads) in
   * batches to {@code sink}, reporting progress; returns the frame index after the last one.
   */
  private int stream(FrameSource src, int start, int total, long t0, Listener listener, BatchSink sink) throws IOException {
    int done = start;
    if (start > 0) {
      src.read(start - 1);
    }
    try (FrameStream<PosePredictor.Input> stream = new FrameStream<>(src, 2 * batchSize + 2 * prepareThreads, predictor::prepare, prepareThreads)) {
      List<PosePredictor.Input> batch = new ArrayList<>();
      boolean finished = false;
      while (!finished) {
        PosePredictor.Input in = stream.take();
        if (in == null) {
          finished = true;
        } else {
          batch.add(in);
        }
        if (batch.size() == batchSize || (finished && !batch.isEmpty())) {
          sink.accept(batch.toArray(new PosePredictor.Input[0]), done);
          done += batch.size();
          batch.clear();
          if (listener != null) {
            double secs = (System.nanoTime() - t0) / 1e9;
            listener.frames(done, Math.max(total, done), (done - start) / Math.max(1e-9, secs));
          }
        }
      }
    }
    return done;
  }

  private static void writeRow(BufferedWriter out, int frame, double[] r) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(frame);
    for (double v : r) {
      sb.append(',').append(CsvTable.number(v));
    }
    sb.append('\n');
    out.write(sb.toString());
  }

  /** Counts the complete rows of a partial file and cuts off a half-written last line. */
  private static int completeRows(Path partial, KeypointLayout layout) throws IOException {
    List<String> lines = Files.readAllLines(partial, StandardCharsets.UTF_8);
    int header = layout.isMultiAnimal() ? 4 : 3;
    int cells = 1 + 3 * layout.size();
    List<String> keep = new ArrayList<>(lines.subList(0, Math.min(header, lines.size())));
    for (int i = header; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.split(",", -1).length != cells || !l.startsWith((i - header) + ",")) {
        break;
      }
      keep.add(l);
    }
    AtomicFiles.writeString(partial, String.join("\n", keep) + "\n");
    return keep.size() - header;
  }
}
