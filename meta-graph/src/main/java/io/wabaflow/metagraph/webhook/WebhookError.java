package io.wabaflow.metagraph.webhook;

/**
 * An error as Meta puts it in webhooks ({@code value.errors[]}, {@code statuses[].errors[]},
 * {@code messages[].errors[]}, {@code history[].errors[]}). Build logic on {@link #code()} and
 * {@link #details()}, never on titles, which Meta says it will deprecate.
 *
 * @param code    Meta's error code, {@code null} if absent or not a number
 * @param details {@code error_data.details}
 */
public record WebhookError(Integer code, String title, String message, String details, String href) {
}
