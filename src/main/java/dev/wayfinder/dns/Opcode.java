package dev.wayfinder.dns;

/** Header opcodes (RFC 1035 4.1.1). The server accepts only {@link #QUERY}; the rest get NOTIMP. */
final class Opcode {
  static final int QUERY = 0;

  private Opcode() {}
}
