package io.wabaflow.metagraph.webhook;

import java.util.List;

/**
 * The value of a {@code smb_app_state_sync} change.
 *
 * @param otherItemsJson {@code state_sync[]} items of a type other than {@code contact}, as raw JSON
 */
public record StateSyncValue(Metadata metadata, List<StateSyncContact> contacts, List<String> otherItemsJson) {
}
