package io.wabaflow.platform.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** At most {@code limit} bytes of the stream under it: the end of an HTTP range. */
final class LimitedInputStream extends FilterInputStream {

	private long left;

	LimitedInputStream(InputStream in, long limit) {
		super(in);
		this.left = limit;
	}

	@Override
	public int read() throws IOException {
		if (left <= 0) {
			return -1;
		}
		int b = super.read();
		if (b >= 0) {
			left--;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (left <= 0) {
			return -1;
		}
		int read = super.read(buffer, offset, (int) Math.min(length, left));
		if (read > 0) {
			left -= read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(Math.min(n, left));
		left -= skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(super.available(), left);
	}

	@Override
	public boolean markSupported() {
		return false;
	}
}
