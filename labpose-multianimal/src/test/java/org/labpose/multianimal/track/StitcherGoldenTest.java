package org.labpose.multianimal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labpose.core.SharedData;
import org.labpose.core.io.dlc.DlcPredictionCsv;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.PoseTable;

/**
 * Golden test against DeepLabCut's TrackletStitcher: the five montblanc tracklets (3 birds) stitched
 * into 3 tracks must give exactly the values of montblanc_tracks.csv, up to the order of the tracks.
 * DeepLabCut's tests/test_stitcher.py asserts the same on the same files, with the graph's 18 edges
 * and its three link costs.
 */
class StitcherGoldenTest {
  private static final String DIR = "format-fixtures/dlc-multianimal/";
  private static final String[] PARTS = {"head", "tail", "leftwing", "rightwing"};

  static List<Tracklet> readTracklets(Path file, boolean single) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile()).get("tracklets");
    List<Tracklet> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      if (t.getKey().equals("single") != single) {
        continue;
      }
      List<Integer> frames = new ArrayList<>();
      List<double[][]> rows = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> fs = t.getValue().fields(); fs.hasNext(); ) {
        Map.Entry<String, JsonNode> f = fs.next();
        frames.add(Integer.parseInt(f.getKey().replaceAll("\\D", "")));
        JsonNode bps = f.getValue();
        double[][] row = new double[bps.size()][];
        for (int b = 0; b < bps.size(); b++) {
          row[b] = new double[bps.get(b).size()];
          for (int c = 0; c < row[b].length; c++) {
            JsonNode v = bps.get(b).get(c);
            row[b][c] = v.isNull() ? Double.NaN : v.asDouble();
          }
        }
        rows.add(row);
      }
      out.add(new Tracklet(frames.stream().mapToInt(Integer::intValue).toArray(), rows.toArray(new double[0][][])));
    }
    return out;
  }

  @Test
  void stitchesMontBlancLikeDeepLabCut() throws IOException {
    Path tracklets = SharedData.require(DIR + "montblanc_tracklets.json");
    Path csv = SharedData.require(DIR + "montblanc_tracks.csv");
    Stitcher.Result r = new Stitcher(StitchParams.defaults(3), Stitcher.CENTROID_DISTANCE).stitch(readTracklets(tracklets, false));
    assertEquals(5, r.tracklets(), "tracklets after splitting at gaps");
    assertEquals(7, r.maxGap(), "1.5 x the largest nearest gap (5)");
    assertEquals(List.of(2453, 24498, 5428), r.linkCosts());
    assertEquals(3, r.tracks().size());
    assertEquals(List.of(), r.leftOut());
    for (Tracklet t : r.tracks()) {
      assertTrue(t.size() >= 176, t.toString());
      assertTrue(t.likelihood() >= 0.996 && t.likelihood() <= 1, t.toString());
    }

    PoseTable want = DlcPredictionCsv.read(csv);
    assertEquals(180, want.frameCount());
    List<String> birds = want.layout().individuals();
    assertEquals(3, birds.size());
    List<String> matched = new ArrayList<>();
    for (Tracklet t : r.tracks()) {
      String match = null;
      for (String bird : birds) {
        if (!matched.contains(bird) && equal(want, bird, t)) {
          match = bird;
        }
      }
      assertTrue(match != null, "track " + t + " equals none of the reference birds");
      matched.add(match);
    }
  }

  /** Every frame and value of the reference bird equals the track (absent frames are NaN there). */
  private static boolean equal(PoseTable want, String bird, Tracklet t) {
    double[][][] dense = new double[want.frameCount()][][];
    for (int i = 0; i < t.size(); i++) {
      dense[t.frame(i)] = t.row(i);
    }
    for (int f = 0; f < want.frameCount(); f++) {
      for (int b = 0; b < PARTS.length; b++) {
        KeypointId k = new KeypointId(bird, PARTS[b]);
        double[] w = {want.x(f, k), want.y(f, k), want.likelihood(f, k)};
        for (int c = 0; c < 3; c++) {
          double g = dense[f] == null ? Double.NaN : dense[f][b][c];
          if (Double.isNaN(w[c]) != Double.isNaN(g) || (!Double.isNaN(g) && w[c] != g)) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
