package org.labpose.video.draw;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.model.Confidence;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * PNG plots of a pose table (XChart): trajectories in image coordinates (y axis pointing down, as
 * in the image), x and y against time, likelihood against time, and a histogram of frame-to-frame
 * jumps. Points under the p-cutoff are left out of the position plots.
 */
public final class TrajectoryPlots {
  private TrajectoryPlots() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Writes {@code trajectory.png}, {@code plot.png} (x, y against time), {@code plot-likelihood.png}
   * and {@code hist.png} into {@code dir}.
   *
   * @param fps frames per second for the time axis (NaN: time in frames)
   * @return the files written
   */
  public static List<Path> write(PoseTable t, Path dir, double pcutoff, double fps, String colormap) throws IOException {
    Files.createDirectories(dir);
    List<KeypointId> ks = t.layout().keypoints();
    java.awt.Color[] colors = Colormaps.colors(colormap, ks.size());
    boolean seconds = !Double.isNaN(fps) && fps > 0;
    String timeLabel = seconds ? "time (s)" : "frame";

    XYChart traj = new XYChartBuilder().width(800).height(650).title("Trajectories (image coordinates, y down)").xAxisTitle("x (px)").yAxisTitle("y (px)").build();
    traj.getStyler().setYAxisDecimalPattern("#");
    traj.getStyler().setMarkerSize(3);
    XYChart pos = new XYChartBuilder().width(1000).height(500).title("Position over time").xAxisTitle(timeLabel).yAxisTitle("pixels").build();
    pos.getStyler().setMarkerSize(0);
    XYChart lik = new XYChartBuilder().width(1000).height(400).title("Likelihood over time").xAxisTitle(timeLabel).yAxisTitle("likelihood").build();
    lik.getStyler().setMarkerSize(0);
    lik.getStyler().setYAxisMin(0.0);
    lik.getStyler().setYAxisMax(1.0);
    CategoryChart hist = new CategoryChartBuilder().width(1000).height(400).title("Frame-to-frame jumps").xAxisTitle("jump (px)").yAxisTitle("count").build();
    hist.getStyler().setOverlapped(true);

    double maxJump = 1;
    List<double[]> jumps = new ArrayList<>();
    for (int i = 0; i < ks.size(); i++) {
      KeypointId k = ks.get(i);
      double[] x = t.xSeries(k);
      double[] y = t.ySeries(k);
      double[] p = t.likelihoodSeries(k);
      List<Double> tx = new ArrayList<>();
      List<Double> ty = new ArrayList<>();
      List<Double> time = new ArrayList<>();
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> ptime = new ArrayList<>();
      List<Double> ps = new ArrayList<>();
      List<Double> js = new ArrayList<>();
      for (int f = 0; f < t.frameCount(); f++) {
        double tt = seconds ? f / fps : f;
        if (!Double.isNaN(p[f])) {
          ptime.add(tt);
          ps.add(p[f]);
        }
        if (!Confidence.present(x[f], y[f], p[f], pcutoff)) {
          continue;
        }
        tx.add(x[f]);
        ty.add(-y[f]);
        time.add(tt);
        xs.add(x[f]);
        ys.add(y[f]);
        if (f > 0 && Confidence.present(x[f - 1], y[f - 1], p[f - 1], pcutoff)) {
          double j = Math.hypot(x[f] - x[f - 1], y[f] - y[f - 1]);
          js.add(j);
          maxJump = Math.max(maxJump, j);
        }
      }
      String name = k.toString();
      if (!tx.isEmpty()) {
        XYSeries s = traj.addSeries(name, tx, ty);
        s.setMarkerColor(colors[i]);
        s.setLineColor(withAlpha(colors[i], 90));
        s.setMarker(SeriesMarkers.CIRCLE);
        XYSeries sx = pos.addSeries(name + " x", time, xs);
        sx.setLineColor(colors[i]);
        sx.setMarker(SeriesMarkers.NONE);
        XYSeries sy = pos.addSeries(name + " y", time, ys);
        sy.setLineColor(withAlpha(colors[i], 140));
        sy.setMarker(SeriesMarkers.NONE);
      }
      if (!ps.isEmpty()) {
        XYSeries sl = lik.addSeries(name, ptime, ps);
        sl.setLineColor(colors[i]);
        sl.setMarker(SeriesMarkers.NONE);
      }
      jumps.add(js.stream().mapToDouble(Double::doubleValue).toArray());
    }
    int bins = 30;
    double width = maxJump / bins;
    List<String> labels = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      labels.add(String.format(java.util.Locale.ROOT, "%.1f", (b + 0.5) * width));
    }
    for (int i = 0; i < ks.size(); i++) {
      List<Integer> counts = new ArrayList<>();
      for (int b = 0; b < bins; b++) {
        counts.add(0);
      }
      for (double j : jumps.get(i)) {
        int b = Math.min(bins - 1, (int) (j / width));
        counts.set(b, counts.get(b) + 1);
      }
      hist.addSeries(ks.get(i).toString(), labels, counts).setFillColor(withAlpha(colors[i], 150));
    }
    // y down: plot -y and label the axis with positive values
    traj.setCustomYAxisTickLabelsFormatter(v -> String.format(java.util.Locale.ROOT, "%.0f", -v));
    List<Path> out = new ArrayList<>();
    out.add(save(traj, dir.resolve("trajectory.png")));
    out.add(save(pos, dir.resolve("plot.png")));
    out.add(save(lik, dir.resolve("plot-likelihood.png")));
    out.add(save(hist, dir.resolve("hist.png")));
    return out;
  }

  private static Color withAlpha(Color c, int a) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
  }

  private static Path save(Chart<?, ?> chart, Path file) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(file, o -> o.write(png));
    return file;
  }
}
