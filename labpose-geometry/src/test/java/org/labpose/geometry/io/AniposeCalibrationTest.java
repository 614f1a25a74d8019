package org.labpose.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labpose.core.io.InputFormatException;
import org.labpose.geometry.calibration.CameraModel;

/** anipose's calibration.toml: read (arrays over several lines, 4 distortion coefficients), written, read back. */
class AniposeCalibrationTest {
  @TempDir Path dir;

  private Path fixture() throws Exception {
    Path f = dir.resolve("calibration.toml");
    try (InputStream in = AniposeCalibrationTest.class.getResourceAsStream("two_cameras.toml")) {
      Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }

  @Test
  void readsAndRoundTrips() throws Exception {
    AniposeCalibration.Calibration c = AniposeCalibration.read(fixture());
    assertEquals(2, c.cameras().size());
    CameraModel b = c.cameras().get(1);
    assertEquals("B", b.name());
    assertEquals(1280, b.width());
    assertEquals(1502.0, b.fx());
    assertEquals(511.0, b.cy());
    assertArrayEquals(new double[] {-0.2, 0.05, 0, 0, 0}, b.distortion(), "four coefficients, k3 = 0");
    assertArrayEquals(new double[] {-200, 1.5, 12.25}, b.translation());
    assertTrue(c.adjusted());
    assertEquals(0.41, c.error());
    Path out = dir.resolve("again.toml");
    AniposeCalibration.write(c, out);
    assertEquals(c, AniposeCalibration.read(out));
  }

  /** anipose's fisheye cameras: {@code fisheye = true} and four coefficients; read, written, read again; a fifth refused. */
  @Test
  void fisheyeCameras() throws Exception {
    String good = Files.readString(fixture());
    Path f = dir.resolve("fisheye.toml");
    Files.writeString(f, good.replace("distortions = [ -0.2, 0.05, 0.0, 0.0,]\n", "distortions = [ 0.04, -0.01, 0.002, 0.0,]\nfisheye = true\n"));
    AniposeCalibration.Calibration c = AniposeCalibration.read(f);
    CameraModel b = c.cameras().get(1);
    assertTrue(b.fisheye() && !c.cameras().get(0).fisheye(), b.toString());
    assertArrayEquals(new double[] {0.04, -0.01, 0.002, 0, 0}, b.distortion());
    Path out = dir.resolve("again.toml");
    AniposeCalibration.write(c, out);
    assertTrue(Files.readString(out).contains("fisheye = true"));
    assertEquals(c, AniposeCalibration.read(out));
    Files.writeString(f, good.replace("distortions = [ -0.2, 0.05, 0.0, 0.0,]\n", "distortions = [ 0.04, -0.01, 0.002, 0.0, 0.1,]\nfisheye = true\n"));
    InputFormatException e = assertThrows(InputFormatException.class, () -> AniposeCalibration.read(f));
    assertTrue(e.getMessage().contains("[cam_1] distortions") && e.getMessage().contains("4 numbers (k1, k2, k3, k4)"), e.getMessage());
  }

  @Test
  void badFilesNameLineOrKey() throws Exception {
    String good = Files.readString(fixture());
    Path f = dir.resolve("bad.toml");
    Files.writeString(f, good.replace("translation = [ -200.0, 1.5, 12.25,]\n", ""));
    InputFormatException e = assertThrows(InputFormatException.class, () -> AniposeCalibration.read(f));
    assertTrue(e.getMessage().contains("[cam_1] translation") && e.getMessage().contains("missing"), e.getMessage());
    Files.writeString(f, good.replace("rotation = [ 0.01, -0.3, 0.002,]", "rotation = [ 0.01, -0.3,]"));
    e = assertThrows(InputFormatException.class, () -> AniposeCalibration.read(f));
    assertTrue(e.getMessage().contains("[cam_1] rotation") && e.getMessage().contains("3 numbers"), e.getMessage());
    Files.writeString(f, good.replace("size = [ 1280, 1024,]\nmatrix = [\n", "size = [ 1280, 1024,\nmatrix = [\n"));
    e = assertThrows(InputFormatException.class, () -> AniposeCalibration.read(f));
    assertTrue(e.getMessage().contains("line"), e.getMessage());
    Files.writeString(f, "name = \"A\"\n");
    e = assertThrows(InputFormatException.class, () -> AniposeCalibration.read(f));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("before any [table]"), e.getMessage());
  }
}
