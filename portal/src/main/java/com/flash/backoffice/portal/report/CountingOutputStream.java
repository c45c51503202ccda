package com.flash.backoffice.portal.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Counts the bytes written and reports the total after each write (rendering PDF/XLSX writes long after the rows). */
final class CountingOutputStream extends FilterOutputStream {

    private final LongConsumer bytesSoFar;
    private long bytes;

    CountingOutputStream(OutputStream out, LongConsumer bytesSoFar) {
        super(out);
        this.bytesSoFar = bytesSoFar;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        bytesSoFar.accept(++bytes);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        bytes += len;
        bytesSoFar.accept(bytes);
    }

    long bytes() {
        return bytes;
    }
}
