package dev.wayfinder.publish;

import dev.wayfinder.testing.Rfc2136Primary;
import java.nio.file.Path;

/** {@link Rfc2136TargetContract} against Knot DNS ({@code knotd}). */
class Rfc2136TargetKnotTest extends Rfc2136TargetContract {
  @Override
  Rfc2136Primary startPrimary(Path dir, int port) {
    return Rfc2136Primary.knot(dir, port);
  }

  @Override
  String unsignedUpdateResult() {
    return "notauth";
  }
}
