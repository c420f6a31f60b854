package dev.wayfinder.dns;

import dev.wayfinder.config.TsigKeyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;

/** TSIG (RFC 8945) for zone transfers: the configured key, request checks, error replies. */
final class TransferSigning {
  private static final Logger log = LoggerFactory.getLogger(TransferSigning.class);

  /** {@link #verify} result: a key is required and the request carries no TSIG. */
  static final int UNSIGNED = -1;

  private TransferSigning() {}

  /** The dnsjava key for a {@code tsig_keys} entry. */
  static TSIG key(TsigKeyConfig config) {
    try {
      return new TSIG(
          TSIG.algorithmToName(config.algorithm()),
          Name.fromString(config.name(), Name.root),
          config.secret());
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad TSIG key name " + config.name(), e);
    }
  }

  /**
   * Checks a transfer request. RFC 8945 5.2.2: a key we do not hold is BADKEY; 5.2.3: a wrong MAC
   * is BADSIG; 5.2.3 also makes a stale time BADTIME.
   *
   * @param key the required key, or null when none is configured (then any TSIG is BADKEY)
   * @return NOERROR, {@link #UNSIGNED}, or the TSIG error
   */
  static int verify(TSIG key, Message query, byte[] bytes) {
    TSIGRecord sig = query.getTSIG();
    if (sig == null) {
      return key == null ? Rcode.NOERROR : UNSIGNED;
    }
    if (key == null) {
      return Rcode.BADKEY;
    }
    return key.verify(query, bytes, null);
  }

  /**
   * RFC 8945 5.2: NOTAUTH with a TSIG record holding {@code error} and an empty MAC (the request
   * could not be authenticated, so the reply is not signed).
   */
  static Message rejection(Message query, int error, TSIG key) {
    Message reply = new Message(query.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setRcode(Rcode.NOTAUTH);
    reply.addRecord(query.getQuestion(), Section.QUESTION);
    TSIGRecord sig = query.getTSIG();
    try {
      // The MAC is empty for BADKEY/BADSIG, so that secret is never used: any bytes will do.
      // BADTIME replies are signed (RFC 8945 5.2.3), with the key that verified the MAC.
      TSIG signer =
          error == Rcode.BADTIME && key != null
              ? key
              : new TSIG(sig.getAlgorithm(), sig.getName(), new byte[32]);
      reply.addRecord(signer.generate(reply, reply.toWire(), error, sig), Section.ADDITIONAL);
    } catch (RuntimeException e) {
      log.debug("cannot echo TSIG with algorithm {}", sig.getAlgorithm(), e);
    }
    return reply;
  }
}
