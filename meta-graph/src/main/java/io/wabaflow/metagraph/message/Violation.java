package io.wabaflow.metagraph.message;

/**
 * One broken rule of an outbound message.
 *
 * @param path    where, in the request's terms, e.g. {@code content.action.buttons[3]}
 * @param message what is wrong, for a person
 */
public record Violation(String path, String message) {
}
