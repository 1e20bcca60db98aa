package io.wabaflow.ingress.command;

/**
 * The answer to an accepted command: it is durable on its topic and will be executed once.
 *
 * @param statusUrl where its outcome can be read
 */
record CommandAccepted(String commandId, String statusUrl) {
}
