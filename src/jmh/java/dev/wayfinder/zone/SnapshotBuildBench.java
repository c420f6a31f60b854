package dev.wayfinder.zone;

import dev.wayfinder.config.DnsConfig;
import dev.wayfinder.config.WayfinderConfig;
import dev.wayfinder.health.HealthView;
import dev.wayfinder.registry.Service;
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

/** A whole snapshot of the benchmark zone built from its services (what a registry change costs). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class SnapshotBuildBench {
  @Param("10000")
  int services;

  private DnsConfig dns;
  private List<Service> all;
  private long serial;

  @Setup
  public void setUp() {
    WayfinderConfig config = BenchZone.config(services);
    dns = config.dns();
    all = BenchZone.services(config);
  }

  @Benchmark
  public ZoneSnapshot build() {
    return ZoneSnapshot.build(dns, all, HealthView.allHealthy(), ++serial);
  }
}
