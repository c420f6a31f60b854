package dev.wayfinder.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wayfinder.health.HealthView;
import dev.wayfinder.testing.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** {@link ZoneSnapshot#transfer()} is a zone BIND's checker loads. */
class TransferTest {
  @TempDir Path dir;

  @Test
  void transferIsAValidZoneForNamedCheckzone() throws Exception {
    List<Record> records = ZoneSnapshotTest.ZONE.transfer();

    assertThat(records.get(0)).isInstanceOf(SOARecord.class);
    assertThat(records.get(records.size() - 1)).isEqualTo(records.get(0));
    assertThat(records).noneMatch(r -> r.getType() == Type.PTR);
    // NS, ns A+AAAA; web: 3 at S, 3 S-N, 1 H.S, 3 SRV; web.prod 2; db 2+2+2; big 5+5+5; SOA x2
    assertThat(records).hasSize(2 + 1 + 2 + 10 + 2 + 6 + 15);

    String out = checkzone(records);
    assertThat(out).contains("loaded serial " + ZoneSnapshotTest.SERIAL).contains("OK");
  }

  @Test
  void largeTransferIsValidToo() throws Exception {
    ZoneSnapshot zone =
        ZoneSnapshot.build(ZoneFixtures.dns(), ZoneFixtures.many(300), HealthView.allHealthy(), 9);
    assertThat(checkzone(zone.transfer())).contains("OK");
  }

  private String checkzone(List<Record> records) throws IOException {
    Path file = dir.resolve("zone.db");
    StringBuilder text = new StringBuilder();
    records.subList(0, records.size() - 1).forEach(r -> text.append(r).append('\n'));
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    ProcessRun run =
        ProcessRun.of(
            Duration.ofSeconds(30), List.of("named-checkzone", ZoneFixtures.ZONE, file.toString()));
    String out = run.stdout() + run.stderr();
    assertThat(run.exitCode()).as(out).isZero();
    return out;
  }
}
