package org.labpose.geometry.triangulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.core.model.KeypointId;
import org.labpose.core.model.KeypointLayout;
import org.labpose.core.model.PoseTable;
import org.labpose.geometry.calibration.CameraModel;

/** A walking point set seen by three cameras: triangulated back, written and read, reprojected, refused when frames differ. */
class Poses3dTest {
  @TempDir Path dir;

  static final KeypointLayout LAYOUT = KeypointLayout.singleAnimal(List.of("snout", "neck", "tailbase", "paw"));

  /** Keypoint k at frame f, mm: a body moving along x, the paw lifting and falling. */
  static double[] truth(int f, int k) {
    double x = -80 + 2 * f;
    return switch (k) {
      case 0 -> new double[] {x + 40, 5, 25};
      case 1 -> new double[] {x + 20, 3, 30};
      case 2 -> new double[] {x - 30, -2, 20};
      default -> new double[] {x + 10, 12, 5 + 5 * Math.abs(Math.sin(f / 4.0))};
    };
  }

  static List<Poses3d.View> views(List<CameraModel> cams, int frames) {
    List<Poses3d.View> out = new ArrayList<>();
    for (CameraModel c : cams) {
      Projection p = new Projection(c);
      PoseTable t = new PoseTable("DLC_x", LAYOUT, frames);
      for (int f = 0; f < frames; f++) {
        for (int k = 0; k < 4; k++) {
          double[] px = p.project(truth(f, k));
          t.set(f, LAYOUT.keypoints().get(k), px[0], px[1], k == 3 && f % 10 == 0 && c.name().equals("cam1") ? 0.1 : 0.95);
        }
      }
      out.add(new Poses3d.View(c, t, Path.of(c.name() + ".csv"), 0));
    }
    return out;
  }

  @Test
  void threeCamerasGiveTheTruthBack() throws Exception {
    List<CameraModel> cams = Rig.ring(3, 600, 350, 1280, 1024, 1500);
    Poses3d.Table t = Poses3d.triangulate(views(cams, 60), 0.6, 15);
    for (int f = 0; f < 60; f++) {
      for (int k = 0; k < 4; k++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(truth(f, k)[j], t.xyz()[f][k][j], 1e-6, "frame " + f + " keypoint " + k);
        }
        assertEquals(k == 3 && f % 10 == 0 ? 2 : 3, t.cameras()[f][k], "a view under the p-cutoff is left out");
      }
    }
    Path csv = dir.resolve("walk_3D.csv");
    Poses3d.write(t, csv);
    Poses3d.Table back = Poses3d.read(csv);
    assertEquals(t.layout(), back.layout());
    assertEquals(t.xyz()[7][2][1], back.xyz()[7][2][1], 0.0);
    assertEquals(t.cameras()[10][3], back.cameras()[10][3]);
    // keypoint 'a' named twice: refused with the file's name, not an internal error
    java.nio.file.Files.writeString(csv, "scorer,S,S,S,S,S,S,S,S,S,S\nbodyparts,a,a,a,a,a,a,a,a,a,a\n"
        + "coords,x,y,z,error,ncams,x,y,z,error,ncams\n0,1,2,3,0,2,1,2,3,0,2\n");
    InputFormatException bad = assertThrows(InputFormatException.class, () -> Poses3d.read(csv));
    assertTrue(bad.getMessage().contains("walk_3D.csv"), bad.getMessage());
    PoseTable again = Poses3d.reproject(t, cams.get(1));
    PoseTable seen = views(cams, 60).get(1).poses();
    KeypointId paw = KeypointId.of("paw");
    assertEquals(seen.x(33, paw), again.x(33, paw), 1e-6);
  }

  @Test
  void framesThatDoNotLineUpAreRefused() throws Exception {
    List<CameraModel> cams = Rig.ring(2, 600, 350, 1280, 1024, 1500);
    List<Poses3d.View> v = views(cams, 60);
    List<Poses3d.View> shorter = List.of(v.get(0), new Poses3d.View(v.get(1).camera(), views(cams, 55).get(1).poses(), Path.of("cam2.csv"), 0));
    InputFormatException e = assertThrows(InputFormatException.class, () -> Poses3d.triangulate(shorter, 0.6, 15));
    assertTrue(e.getMessage().contains("cam2.csv") && e.getMessage().contains("55 frames") && e.getMessage().contains("cam1.csv")
        && e.getMessage().contains("has 60"), e.getMessage());
    // an offset lines them up: the first camera starts 5 frames later
    List<Poses3d.View> aligned = List.of(new Poses3d.View(v.get(0).camera(), v.get(0).poses(), Path.of("cam1.csv"), 5), shorter.get(1));
    assertEquals(55, Poses3d.triangulate(aligned, 0.6, 15).frames());
  }
}
