package io.wabaflow.ingress.command;

/**
 * One field-level error of a command request, as listed in the {@code errors} member of a 400 problem.
 *
 * @param field the request member in its JSON name, e.g. {@code phone_number_id} or {@code content.body},
 *              or a header name
 */
record FieldViolation(String field, String message) {
}
