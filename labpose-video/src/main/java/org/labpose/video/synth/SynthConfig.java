package org.labpose.video.synth;

import java.util.List;
import org.labpose.core.SettingException;

/**
 * Settings of a synthetic video.
 *
 * @param frames number of frames (default 300)
 * @param width frame width in pixels, even (default 320)
 * @param height frame height in pixels, even (default 240)
 * @param fps frames per second (default 30)
 * @param seed random seed: the same seed gives the same bytes (default 0)
 * @param animals number of animals (default 1; more than one makes multi-animal data)
 * @param noise per-pixel Gaussian noise standard deviation in grey levels (default 4)
 * @param spine also label the shoulder (the neck) and the middle of the back ({@link #SPINE_BODYPARTS}):
 *     points on the body, which stay apart where touching animals' heads overlap (default false)
 */
public record SynthConfig(int frames, int width, int height, double fps, long seed, int animals, double noise, boolean spine) {

  /** The bodyparts of the synthetic mouse, in DeepLabCut's open-field order. */
  public static final List<String> BODYPARTS = List.of("snout", "leftear", "rightear", "tailbase");

  /** The bodyparts with {@code spine}: the open-field four and two on the body, head to tail. */
  public static final List<String> SPINE_BODYPARTS = List.of("snout", "leftear", "rightear", "shoulder", "spine", "tailbase");

  /** Settings without the spine points. */
  public SynthConfig(int frames, int width, int height, double fps, long seed, int animals, double noise) {
    this(frames, width, height, fps, seed, animals, noise, false);
  }

  /** Checks every field, naming the first bad one. */
  public SynthConfig {
    if (frames < 1) {
      throw new SettingException("frames", "must be at least 1, got " + frames);
    }
    if (width < 64 || height < 64 || width % 2 != 0 || height % 2 != 0) {
      throw new SettingException("size", "must be even and at least 64x64 px, got " + width + "x" + height);
    }
    if (!(fps > 0)) {
      throw new SettingException("fps", "must be positive, got " + fps);
    }
    if (animals < 1 || animals > 4) {
      throw new SettingException("animals", "must be 1 to 4, got " + animals);
    }
    if (noise < 0) {
      throw new SettingException("noise", "must be 0 or more, got " + noise);
    }
  }

  /** The labelled bodyparts: {@link #BODYPARTS}, or {@link #SPINE_BODYPARTS} with {@code spine}. */
  public List<String> bodyparts() {
    return spine ? SPINE_BODYPARTS : BODYPARTS;
  }

  /** The defaults: 300 frames of 320×240 at 30 fps, seed 0, one animal, noise 4. */
  public static SynthConfig defaults() {
    return new SynthConfig(300, 320, 240, 30, 0, 1, 4);
  }

  public SynthConfig withFrames(int n) {
    return new SynthConfig(n, width, height, fps, seed, animals, noise, spine);
  }

  public SynthConfig withSize(int w, int h) {
    return new SynthConfig(frames, w, h, fps, seed, animals, noise, spine);
  }

  public SynthConfig withSeed(long s) {
    return new SynthConfig(frames, width, height, fps, s, animals, noise, spine);
  }

  public SynthConfig withFps(double f) {
    return new SynthConfig(frames, width, height, f, seed, animals, noise, spine);
  }

  public SynthConfig withAnimals(int a) {
    return new SynthConfig(frames, width, height, fps, seed, a, noise, spine);
  }

  public SynthConfig withSpine(boolean on) {
    return new SynthConfig(frames, width, height, fps, seed, animals, noise, on);
  }

  /** The arena's floor {x1, y1, x2, y2} in pixels (origin top-left): the frame less a 6 % margin. */
  public double[] arena() {
    double m = 0.06 * Math.min(width, height);
    return new double[] {m, m, width - m, height - m};
  }

  /** Mouse length snout to tail base in pixels, from the frame size. */
  public double mouseLength() {
    return 0.2 * Math.min(width, height);
  }
}
