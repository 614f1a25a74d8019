package org.labpose.geometry.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;

/** config3d.yaml written and read; videos grouped into recordings by the cameras' names. */
class Project3dTest {
  @TempDir Path dir;

  private Project3d project() throws Exception {
    Project3d p = new Project3d(dir.resolve("p3/config3d.yaml"), dir.resolve("p3/calibration.toml"), List.of("cam1", "cam2", "cam10"),
        Map.of("cam1", dir.resolve("cam1-project/config.yaml")), 0.7, 12, List.of(List.of("snout", "neck")));
    Files.createDirectories(dir.resolve("p3"));
    p.write();
    return p;
  }

  @Test
  void roundTrip() throws Exception {
    Project3d p = project();
    assertTrue(Files.readString(p.file()).contains("calibration: calibration.toml"), "relative where it lies below");
    assertEquals(p, Project3d.read(p.file()));
  }

  @Test
  void videosGroupIntoRecordings() throws Exception {
    Project3d p = project();
    Map<String, Map<String, Path>> sets = p.videoSets(List.of(Path.of("v/mouse1_cam1.mp4"), Path.of("v/mouse1_cam10.mp4"),
        Path.of("v/mouse1_cam2.mp4"), Path.of("v/cam1-mouse2.avi"), Path.of("v/cam2-mouse2.avi"), Path.of("v/cam10-mouse2.avi")));
    assertEquals(List.of("mouse1", "mouse2"), List.copyOf(sets.keySet()));
    assertEquals(Path.of("v/mouse1_cam10.mp4"), sets.get("mouse1").get("cam10"), "cam10 is not cam1");
    InputFormatException e = assertThrows(InputFormatException.class,
        () -> p.videoSets(List.of(Path.of("v/mouse3_cam1.mp4"), Path.of("v/mouse3_cam2.mp4"))));
    assertTrue(e.getMessage().contains("mouse3") && e.getMessage().contains("[cam10]"), e.getMessage());
    e = assertThrows(InputFormatException.class, () -> p.videoSets(List.of(Path.of("v/mouse3_top.mp4"))));
    assertTrue(e.getMessage().contains("mouse3_top.mp4") && e.getMessage().contains("none of the cameras"), e.getMessage());
  }

  @Test
  void badConfigsNameTheKey() throws Exception {
    Path f = dir.resolve("config3d.yaml");
    Files.writeString(f, "calibration: c.toml\ncameras: [a]\n");
    InputFormatException e = assertThrows(InputFormatException.class, () -> Project3d.read(f));
    assertTrue(e.getMessage().contains("cameras") && e.getMessage().contains("two or more"), e.getMessage());
    Files.writeString(f, "calibration: c.toml\ncameras: [a, b]\npcutoff: 2\n");
    e = assertThrows(InputFormatException.class, () -> Project3d.read(f));
    assertTrue(e.getMessage().contains("pcutoff"), e.getMessage());
    Files.writeString(f, "cameras: [a, b]\n");
    e = assertThrows(InputFormatException.class, () -> Project3d.read(f));
    assertTrue(e.getMessage().contains("calibration") && e.getMessage().contains("missing"), e.getMessage());
  }
}
