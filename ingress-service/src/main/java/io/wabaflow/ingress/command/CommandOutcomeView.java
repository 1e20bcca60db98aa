package io.wabaflow.ingress.command;

import tools.jackson.databind.JsonNode;

/**
 * A command's outcome as the API shows it.
 *
 * @param outcome    {@code OK}, {@code REJECTED}, {@code FAILED}, {@code UNKNOWN}, or {@code PENDING} while none
 *                   is known
 * @param httpStatus the status a waiting request was answered with
 * @param data       the worker's result data, e.g. {@code {"request_id": "..."}}
 */
record CommandOutcomeView(String commandId, String commandType, String outcome, Integer httpStatus, String errorCode,
		String message, JsonNode data) {
}
