package dev.wayfinder.zone;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link ZoneSnapshot#find} over the benchmark query mix: the hot-path lookup alone. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ZoneLookupBench {
  @Param("10000")
  int services;

  private ZoneSnapshot zone;
  private byte[][] names;
  private int[] types;
  private int next;

  @Setup
  public void setUp() {
    zone = BenchZone.snapshot(services);
    List<BenchZone.Question> mix = BenchZone.mix(services, 65_536, 42);
    names = new byte[mix.size()][];
    types = new int[mix.size()];
    for (int i = 0; i < mix.size(); i++) {
      // The server's parser fills a 255-byte buffer; find reads only the first nameLength bytes.
      names[i] = java.util.Arrays.copyOf(mix.get(i).wireName(), 255);
      types[i] = mix.get(i).qtype();
    }
  }

  @Benchmark
  public ZoneAnswer find() {
    int i = next++ & (names.length - 1);
    byte[] name = names[i];
    return zone.find(name, nameLength(name), types[i]);
  }

  private static int nameLength(byte[] wire) {
    int pos = 0;
    while (wire[pos] != 0) {
      pos += wire[pos] + 1;
    }
    return pos + 1;
  }
}
