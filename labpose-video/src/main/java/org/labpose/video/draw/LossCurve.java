package org.labpose.video.draw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.labpose.core.io.AtomicFiles;
import org.labpose.core.io.InputFormatException;

/** A PNG of a training log ({@code iteration,loss,...} CSV): the loss per step and its running mean, log scale. */
public final class LossCurve {
  private LossCurve() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Reads {@code log} and writes {@code png}. */
  public static void write(Path log, Path png) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<Double> it = new ArrayList<>();
    List<Double> loss = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] c = lines.get(i).split(",");
      try {
        double l = Double.parseDouble(c[1]);
        if (l > 0) {
          it.add(Double.parseDouble(c[0]));
          loss.add(l);
        }
      } catch (RuntimeException e) {
        throw new InputFormatException(log, "line " + (i + 1), "expected iteration,loss,...; found '" + lines.get(i) + "'");
      }
    }
    if (it.isEmpty()) {
      return;
    }
    List<Double> smooth = new ArrayList<>();
    double m = loss.get(0);
    for (double l : loss) {
      m = 0.95 * m + 0.05 * l;
      smooth.add(m);
    }
    XYChart c = new XYChartBuilder().width(900).height(500).title("Training loss").xAxisTitle("step").yAxisTitle("loss").build();
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setMarkerSize(0);
    c.addSeries("loss", it, loss).setMarker(SeriesMarkers.NONE).setLineColor(new java.awt.Color(120, 160, 220));
    c.addSeries("running mean", it, smooth).setMarker(SeriesMarkers.NONE).setLineColor(new java.awt.Color(20, 40, 140));
    byte[] b = BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    AtomicFiles.write(png, o -> o.write(b));
  }
}
