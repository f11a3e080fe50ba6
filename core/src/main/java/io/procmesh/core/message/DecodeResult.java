package io.procmesh.core.message;

/**
 * The outcome of decoding one queue document. Anything but OK is counted as a decode error and skipped.
 */
public enum DecodeResult
{
    OK,
    NOT_AN_ENVELOPE,
    UNKNOWN_VERSION,
    UNKNOWN_KIND,
    TRUNCATED,
    MALFORMED,
    PAYLOAD_TOO_LARGE
}
