package org.labpose.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnginesTest {
  private static final String AMD_512 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n"
      + "flags\t\t: fpu sse2 avx2 avx512f avx512dq\n\n";
  private static final String AMD_AVX2 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx2\n";
  private static final String INTEL_512 = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx2 avx512f\n";

  @Test
  void warnsOnAmdWithAvx512WhenNotHeldToAvx2() {
    String w = Engines.cpuWarning(AMD_512, Map.of()).orElseThrow();
    assertTrue(w.contains("ATEN_CPU_CAPABILITY=avx2"), w);
    assertTrue(w.contains("./labpose"), w);
  }

  @Test
  void silentWhenHeldOrNotAffected() {
    assertFalse(Engines.cpuWarning(AMD_512, Map.of("ATEN_CPU_CAPABILITY", "avx2")).isPresent());
    assertFalse(Engines.cpuWarning(AMD_AVX2, Map.of()).isPresent());
    assertFalse(Engines.cpuWarning(INTEL_512, Map.of()).isPresent());
    // a flag's name inside another word is not the flag
    assertFalse(Engines.cpuWarning(AMD_AVX2.replace("avx2", "avx2 xavx512fx"), Map.of()).isPresent());
  }
}
