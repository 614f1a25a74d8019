package org.labpose.core.io.sleap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labpose.core.SharedData;

/**
 * Every {@code .slp} fixture read by LabPose against the values h5py read independently
 * ({@code tools/slp_reference.py}, output committed as {@code slp_reference.json}): format version,
 * nodes, tracks, frames, user and predicted instances, visible points, and the sums of their
 * coordinates and scores.
 */
class SlpReferenceTest {
  @Test
  void everyFixtureMatchesH5py() throws Exception {
    JsonNode ref;
    try (InputStream in = SlpReferenceTest.class.getResourceAsStream("slp_reference.json")) {
      ref = new ObjectMapper().readTree(in);
    }
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = e.getValue();
      SlpFile.SlpLabels l = SlpFile.read(SharedData.require("format-fixtures/" + e.getKey()));
      String at = e.getKey() + ": ";
      assertEquals(r.get("format_id").asDouble(), l.formatId(), 1e-9, at + "format");
      assertEquals(r.get("nodes").asInt(), l.nodes().size(), at + "nodes");
      List<String> tracks = new ArrayList<>();
      r.get("tracks").forEach(t -> tracks.add(t.asText()));
      assertEquals(tracks, l.tracks(), at + "tracks");
      assertEquals(r.get("frames").asInt(), l.frames().size(), at + "frames");
      int users = 0;
      int predicted = 0;
      int[] visible = new int[2];
      double[] sx = new double[2];
      double[] sy = new double[2];
      double score = 0;
      for (SlpFile.Frame f : l.frames()) {
        for (SlpFile.Instance in : f.instances()) {
          int k = in.user() ? 0 : 1;
          if (in.user()) {
            users++;
          } else {
            predicted++;
          }
          for (double[] p : in.points()) {
            if (!Double.isNaN(p[0])) {
              visible[k]++;
              sx[k] += p[0];
              sy[k] += p[1];
              score += k == 1 ? p[2] : 0;
            }
          }
        }
      }
      assertEquals(r.get("user_instances").asInt(), users, at + "user instances");
      assertEquals(r.get("predicted_instances").asInt(), predicted, at + "predicted instances");
      assertEquals(r.get("user_visible").asInt(), visible[0], at + "user points");
      assertEquals(r.get("pred_visible").asInt(), visible[1], at + "predicted points");
      assertEquals(r.get("user_x").asDouble(), sx[0], 1e-9 * Math.max(1, Math.abs(sx[0])), at + "user x");
      assertEquals(r.get("user_y").asDouble(), sy[0], 1e-9 * Math.max(1, Math.abs(sy[0])), at + "user y");
      assertEquals(r.get("pred_x").asDouble(), sx[1], 1e-9 * Math.max(1, Math.abs(sx[1])), at + "predicted x");
      assertEquals(r.get("pred_y").asDouble(), sy[1], 1e-9 * Math.max(1, Math.abs(sy[1])), at + "predicted y");
      assertEquals(r.get("pred_score").asDouble(), score, 1e-6 * Math.max(1, Math.abs(score)), at + "scores");
      checked++;
    }
    assertEquals(7, checked, "every .slp fixture");
  }
}
