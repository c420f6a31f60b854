package dev.wayfinder.zone;

import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * Encodes the variants of one answer, record by record in wire format, into a reusable buffer, then
 * appends them to the snapshot's {@link Arena} as one block. Names are wire-format byte arrays
 * built once per service; dnsjava records are only encoded for the apex.
 *
 * <p>Each tail is written as it follows a question of the lower-case owner name: an owner equal to
 * that name is a pointer to the question at offset 12 (RFC 1035 4.1.4), which stays valid for any
 * asker's letter case because the asker's question has the same length and labels; an owner already
 * written as a target in the tail (SRV and NS glue) points at it. RDATA names are written whole:
 * SRV targets must not be compressed (RFC 2782), and the others gain little.
 */
final class TailWriter {
  private static final int HEADER_LENGTH = 12;

  /** Past this offset a compression pointer cannot reach (14 bits). */
  private static final int POINTER_RANGE = 0x4000;

  private byte[] buf = new byte[4096];
  private int pos;
  private byte[] qname;
  private int base;
  private int variantStart;
  private int[] variantStarts = new int[32];
  private int variants;
  private int[] targets = new int[16];
  private int targetCount;

  /** Set by {@link #finish}: the block's reference, and how its tails are laid out. */
  int ref;

  boolean table;
  int length;

  /** Set by {@link #finish}: bytes from one variant's start to the next's (without a table). */
  int stride;

  /** Set by {@link #rotations}: the answer's n rotations are windows of one sequence. */
  private int rotationKeep;

  /** Starts an answer at {@code qname} (wire format, lower case). */
  void begin(byte[] qname) {
    this.qname = qname;
    this.pos = 0;
    this.variants = 0;
    this.rotationKeep = 0;
    // A tail follows the header and the question (name, type, class).
    this.base = HEADER_LENGTH + qname.length + 4;
  }

  /** Starts the next variant (order) of the answer. */
  void variant() {
    if (variants == variantStarts.length) {
      variantStarts = Arrays.copyOf(variantStarts, variants * 2);
    }
    variantStarts[variants++] = pos;
    variantStart = pos;
    targetCount = 0;
  }

  int variants() {
    return variants;
  }

  /**
   * The one variant written holds {@code n} records of one size and then the first {@code keep - 1}
   * of them again, and the answer is its {@code n} rotations cut to {@code keep} ({@link
   * Rotations}): rotation v is the window of {@code keep} records from record v. So n rotations of
   * n records take 2n - 1 records instead of n * n (80 bytes for three A records, not 144).
   */
  void rotations(int n, int keep) {
    rotationKeep = keep;
    variants = n;
  }

  /** An A or AAAA record of {@code rdata} (4 or 16 address bytes) at {@code owner}. */
  void address(byte[] owner, long ttl, byte[] rdata) {
    owner(owner);
    // One bounds check and straight writes per record: the first build runs this cold, 10^6 times.
    ensure(FIXED + rdata.length);
    fixed(rdata.length == 4 ? Type.A : Type.AAAA, ttl, rdata.length);
    System.arraycopy(rdata, 0, buf, pos, rdata.length);
    pos += rdata.length;
  }

  /** An SRV record at the answer's name (RFC 2782). */
  void srv(long ttl, int priority, int weight, int port, byte[] target) {
    owner(qname);
    ensure(FIXED + 6);
    fixed(Type.SRV, ttl, 6 + target.length);
    putU16(pos, priority);
    putU16(pos + 2, weight);
    putU16(pos + 4, port);
    pos += 6;
    target(target);
  }

  /** A PTR record at the answer's name. */
  void ptr(long ttl, byte[] target) {
    owner(qname);
    ensure(FIXED);
    fixed(Type.PTR, ttl, target.length);
    target(target);
  }

  /** Bytes of type, class, TTL and RDATA length (RFC 1035 4.1.3). */
  private static final int FIXED = 10;

  /** Writes type, class IN, TTL and RDATA length at {@code pos}; the caller has ensured room. */
  private void fixed(int type, long ttl, int rdlength) {
    putU16(pos, type);
    putU16(pos + 2, DClass.IN);
    ZoneAnswer.putInt(buf, pos + 4, (int) ttl);
    putU16(pos + 8, rdlength);
    pos += FIXED;
  }

  /** Any record, through dnsjava: for the apex (SOA, NS and its glue). */
  void record(Record r) {
    owner(r.getName().toWireCanonical());
    header(r.getType(), r.getTTL());
    int lengthAt = pos;
    u16(0);
    switch (r) {
      case SRVRecord srv -> {
        u16(srv.getPriority());
        u16(srv.getWeight());
        u16(srv.getPort());
        target(srv.getTarget().toWire());
      }
      case PTRRecord ptr -> target(ptr.getTarget().toWire());
      case NSRecord ns -> target(ns.getTarget().toWire());
      default -> {
        byte[] rdata = r.rdataToWireCanonical();
        bytes(rdata, rdata.length);
      }
    }
    putU16(lengthAt, pos - lengthAt - 2);
  }

  /**
   * Appends the variants to {@code arena} as one block and sets {@link #ref}, {@link #table} and
   * {@link #length}: equal-length variants lie back to back; others get a table of (position,
   * length) pairs after them. The answers of the names asked most go to their own lane.
   */
  void finish(Arena.Builder arena, boolean asked) {
    if (rotationKeep > 0) {
      int step = pos / (variants + rotationKeep - 1);
      table = false;
      length = rotationKeep * step;
      stride = step;
      ref = arena.append(buf, 0, pos, asked);
      return;
    }
    int first = pos - variantStarts[variants - 1];
    boolean equal = true;
    for (int v = 0; v + 1 < variants; v++) {
      equal &= variantStarts[v + 1] - variantStarts[v] == first;
    }
    if (equal) {
      table = false;
      length = first;
      stride = first;
      ref = arena.append(buf, 0, pos, asked);
      return;
    }
    int tablePos = pos;
    for (int v = 0; v < variants; v++) {
      int end = v + 1 < variants ? variantStarts[v + 1] : tablePos;
      ensure(8);
      ZoneAnswer.putInt(buf, pos, variantStarts[v]);
      ZoneAnswer.putInt(buf, pos + 4, end - variantStarts[v]);
      pos += 8;
    }
    int block = arena.append(buf, 0, pos, asked);
    // The table holds positions within the block; make them positions within the page.
    byte[] page = arena.page(block);
    int start = Arena.position(block);
    for (int v = 0; v < variants; v++) {
      int at = start + tablePos + 8 * v;
      ZoneAnswer.putInt(page, at, ZoneAnswer.getInt(page, at) + start);
    }
    table = true;
    length = 0;
    stride = 0;
    ref = block + tablePos;
  }

  private void owner(byte[] owner) {
    if (owner == qname || Arrays.equals(owner, qname)) {
      ensure(2);
      putU16(pos, 0xC000 | HEADER_LENGTH);
      pos += 2;
      return;
    }
    int at = written(owner);
    if (at >= 0) {
      u16(0xC000 | (base + at - variantStart));
    } else {
      bytes(owner, owner.length);
    }
  }

  /** Writes an RDATA name, remembering where the first copy went for later owners. */
  private void target(byte[] name) {
    int offset = base + pos - variantStart;
    if (offset < POINTER_RANGE && written(name) < 0) {
      if (targetCount == targets.length) {
        targets = Arrays.copyOf(targets, targetCount * 2);
      }
      targets[targetCount++] = pos;
    }
    bytes(name, name.length);
  }

  /** Where {@code name} was written as a target in this variant, or -1. */
  private int written(byte[] name) {
    for (int t = 0; t < targetCount; t++) {
      int at = targets[t];
      // Wire names are prefix-free: equal bytes up to the root label mean the same name.
      if (at + name.length <= pos
          && Arrays.equals(buf, at, at + name.length, name, 0, name.length)) {
        return at;
      }
    }
    return -1;
  }

  private void header(int type, long ttl) {
    u16(type);
    u16(DClass.IN);
    ensure(4);
    ZoneAnswer.putInt(buf, pos, (int) ttl);
    pos += 4;
  }

  private void u16(int value) {
    ensure(2);
    putU16(pos, value);
    pos += 2;
  }

  private void putU16(int at, int value) {
    buf[at] = (byte) (value >>> 8);
    buf[at + 1] = (byte) value;
  }

  private void bytes(byte[] src, int len) {
    ensure(len);
    System.arraycopy(src, 0, buf, pos, len);
    pos += len;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
