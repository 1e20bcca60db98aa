package io.wabaflow.sandbox.runtime;

/** State that {@code POST /sandbox/reset} wipes, so one running sandbox can serve many independent tests. */
public interface Resettable {

	void reset();
}
