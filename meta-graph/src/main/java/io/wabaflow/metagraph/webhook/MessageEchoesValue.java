package io.wabaflow.metagraph.webhook;

import java.util.List;

/** The value of a {@code smb_message_echoes} change. */
public record MessageEchoesValue(Metadata metadata, List<MessageEcho> echoes) {
}
