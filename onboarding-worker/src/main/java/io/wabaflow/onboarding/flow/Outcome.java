package io.wabaflow.onboarding.flow;

import io.wabaflow.schemas.command.CommandOutcome;

/**
 * What is published on {@code wabaflow.command-results.v1} for a command (the ingress answers {@code Prefer: wait}
 * callers with it): an HTTP status, a typed error code for rejections, and data as JSON.
 */
public record Outcome(CommandOutcome outcome, int httpStatus, String errorCode, String message, String dataJson) {

	public static Outcome ok(int status, String dataJson) {
		return new Outcome(CommandOutcome.OK, status, null, null, dataJson);
	}

	public static Outcome rejected(int status, String errorCode, String message) {
		return new Outcome(CommandOutcome.REJECTED, status, errorCode, message, null);
	}

	public static Outcome failed(int status, String errorCode, String message) {
		return new Outcome(CommandOutcome.FAILED, status, errorCode, message, null);
	}
}
