package io.wabaflow.sender.media;

/**
 * A media item a webhook named: Meta's id, what kind it is (its size limit) and the digest to check the bytes
 * against.
 */
record MediaReference(String phoneNumberId, String mediaId, String kind, String mimeType, String sha256, String wamid) {
}
