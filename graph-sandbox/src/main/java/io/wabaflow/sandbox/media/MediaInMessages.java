package io.wabaflow.sandbox.media;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.JsonNode;

/**
 * The media a send names by id ({@code "image":{"id":…}}): it must be a media id of the sending number's business,
 * else 100 as Meta answers ("… is not a valid whatsapp business account media attachment ID"). An id the sandbox
 * never issued is refused only under strict media (tests of other services send made-up ids). A file that exists
 * but is not of the message's kind (a PDF as an image) is accepted and then fails with 131053 in its status, as
 * Meta reports media it cannot use (peer-webhooks 056). Any file may go as a document.
 */
@Component
public class MediaInMessages {

	private final MediaLibrary library;
	private final World world;

	MediaInMessages(MediaLibrary library, World world) {
		this.library = library;
		this.world = world;
	}

	/** Why the message's media cannot be delivered (the details of a 131053 status), or empty when it can. */
	public Optional<String> check(PhoneNumber phone, String type, JsonNode body, boolean strict) {
		if (!InboundMedia.TYPES.contains(type)) {
			return Optional.empty();
		}
		String id = body.path(type).path("id").asString(null);
		if (id == null || id.isBlank()) {
			return Optional.empty(); // sent by link
		}
		String businessId = world.requireWaba(phone.wabaId()).ownerBusinessId();
		Optional<MediaFile> file = library.find(id);
		if ((file.isEmpty() && strict) || file.filter(f -> !f.businessId().equals(businessId)).isPresent()) {
			throw GraphErrors.invalidParameter(
					"Param " + type + "['id'] is not a valid whatsapp business account media attachment ID");
		}
		return file.filter(f -> !type.equals("document"))
				.filter(f -> f.kind().map(kind -> !kind.metaName().equals(type)).orElse(true))
				.map(f -> "Media " + id + " is " + f.mimeType() + ", which cannot be sent as " + type + ".");
	}
}
