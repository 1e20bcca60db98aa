package io.wabaflow.ingress.command;

import jakarta.validation.constraints.Size;

/**
 * Marks a user's message (and every earlier one) read; optionally shows the typing indicator to the user while the
 * answer is prepared (Meta: up to 25 s, or until the answer is sent).
 *
 * @param typingIndicator true to show "typing…" too
 */
record MarkReadRequest(Boolean typingIndicator, @Size(max = 128) String tenantId) {
}
