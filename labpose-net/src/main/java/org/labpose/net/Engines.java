package org.labpose.net;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Process-wide engine settings: offline DJL and PyTorch thread counts, set before the engine loads. */
public final class Engines {
  private static volatile boolean started;
  private static volatile String deviceName = "auto";

  private Engines() {}

  /**
   * Configures and loads the PyTorch engine once.
   *
   * @param threads intra-op threads (the first call decides)
   */
  public static synchronized void start(int threads) {
    if (started) {
      return;
    }
    System.setProperty("DJL_OFFLINE", "true");
    System.setProperty("offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    Engine.getEngine("PyTorch");
    started = true;
  }

  /**
   * A warning when this process runs on a CPU where PyTorch 2.7.1's AVX-512 kernels compute wrongly
   * (AMD with AVX-512, seen on EPYC Zen 5: network outputs 7 % off, training losses NaN at once) and
   * was not started with them held to AVX2; empty otherwise. The variables must be set before the
   * native library loads, so only the process's starter can set them ({@code ./labpose} does). Reads
   * {@code /proc/cpuinfo} and the environment; loads nothing.
   */
  public static java.util.Optional<String> cpuWarning() {
    String cpuinfo;
    try {
      cpuinfo = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
    return cpuWarning(cpuinfo, System.getenv());
  }

  static java.util.Optional<String> cpuWarning(String cpuinfo, java.util.Map<String, String> env) {
    boolean amd = cpuinfo.contains("AuthenticAMD");
    boolean avx512 = java.util.regex.Pattern.compile("(?m)^flags\\s*:.*\\bavx512f\\b").matcher(cpuinfo).find();
    if (!amd || !avx512 || env.containsKey("ATEN_CPU_CAPABILITY")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("this AMD CPU has AVX-512, where PyTorch 2.7.1 computes wrong network outputs and "
        + "training losses that become NaN; start LabPose with ./labpose, or set ONEDNN_MAX_CPU_ISA=AVX2 "
        + "ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 before starting Java");
  }

  /**
   * Turns PyTorch's gradient recording off for the calling thread. PyTorch keeps that switch per
   * thread and DJL turns it off only on the thread that started the engine, so a network run from
   * any other thread (a Spark executor's task thread, a server's worker) would record gradients and
   * refuse the in-place operations of inference. Cheap; call it before each forward pass.
   */
  public static void inferenceOnThisThread() {
    Engine.getEngine("PyTorch"); // loads the native library on first use
    if (ai.djl.pytorch.jni.JniUtils.isGradMode()) {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }
  }

  /**
   * Chooses where networks run (start the engine first): {@code cpu}, {@code gpu} (the first CUDA device; needs the {@code
   * -Pgpu} build and an NVIDIA driver) or {@code auto} (a GPU when PyTorch sees one, else the CPU;
   * the default). Process-wide, like the thread count.
   *
   * @throws IllegalArgumentException for another name, or {@code gpu} when PyTorch sees none (the
   *     choice is then left as it was)
   */
  public static void selectDevice(String name) {
    if (!name.equals("cpu") && !name.equals("gpu") && !name.equals("auto")) {
      throw new org.labpose.core.SettingException("device", "must be cpu, gpu or auto, got '" + name + "'");
    }
    if (name.equals("gpu") && Engine.getEngine("PyTorch").getGpuCount() == 0) {
      throw new org.labpose.core.SettingException("device", "gpu: PyTorch sees no GPU (this build has CPU natives: build with "
          + "'mvn -Pgpu package' on a machine with an NVIDIA driver), or use the cpu");
    }
    deviceName = name;
  }

  /**
   * The device chosen by {@link #selectDevice} (start the engine first). For this module's
   * trainers and predictors (a DJL type: not part of the API that other modules use).
   */
  public static Device device() {
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    return switch (deviceName) {
      case "cpu" -> Device.cpu();
      case "gpu" -> Device.gpu();
      default -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }

  /** DJL's and PyTorch's versions and the device networks run on (start the engine first). */
  public static java.util.Map<String, String> versions() {
    java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
    v.put("djl", Engine.getDjlVersion());
    v.put("pytorch", Engine.getEngine("PyTorch").getVersion());
    v.put("device", device().toString());
    v.put("gpus", Integer.toString(Engine.getEngine("PyTorch").getGpuCount()));
    return v;
  }

  /** Whether networks run on a GPU. */
  public static boolean usesGpu() {
    return device().isGpu();
  }

  /**
   * Overwrites every element of {@code target} in place with {@code values} (C order, as many as
   * the array holds). Not {@code NDArray.set(Buffer)} nor {@code copyTo}: through DJL those print
   * PyTorch's "AutoNonVariableTypeMode is deprecated" warning into every analysis; a whole-slice
   * assignment does not.
   */
  public static void assign(ai.djl.ndarray.NDArray target, float[] values) {
    if (values.length != target.size()) {
      throw new IllegalArgumentException(values.length + " values for an array of " + target.getShape());
    }
    try (ai.djl.ndarray.NDManager sub = target.getManager().newSubManager()) {
      target.set(new ai.djl.ndarray.index.NDIndex(":"), sub.create(values, target.getShape()).toType(target.getDataType(), false));
    }
  }
}
