package dev.wayfinder.publish;

import dev.wayfinder.testing.Rfc2136Primary;
import java.nio.file.Path;

/** {@link Rfc2136TargetContract} against BIND ({@code named}). */
class Rfc2136TargetBindTest extends Rfc2136TargetContract {
  @Override
  Rfc2136Primary startPrimary(Path dir, int port) {
    return Rfc2136Primary.bind(dir, port);
  }

  @Override
  String unsignedUpdateResult() {
    return "refused";
  }
}
