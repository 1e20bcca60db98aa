package io.wabaflow.sandbox.media;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.wabaflow.sandbox.graph.Caller;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.World;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * A media id as a Graph node: {@code GET /{media-id}} (its URL and digest) and {@code DELETE /{media-id}}. Only the
 * business owning the number it was uploaded on or received by sees it (a token that may see that number); with
 * {@code phone_number_id} it must be that number's. Anything else, and a media id Meta no longer has (deleted,
 * older than 30 days), answers like an unknown id: 100 with subcode 33.
 */
@Component
public class MediaNodes {

	private final MediaLibrary library;
	private final MediaUrls urls;
	private final GraphAccess access;
	private final World world;

	MediaNodes(MediaLibrary library, MediaUrls urls, GraphAccess access, World world) {
		this.library = library;
		this.urls = urls;
		this.access = access;
		this.world = world;
	}

	/**
	 * {@code {"messaging_product":"whatsapp","url","mime_type","sha256","file_size","id"}}, with a fresh URL valid
	 * {@code sandbox.media.url-ttl} (5 minutes).
	 */
	public ObjectNode info(Caller caller, String id, HttpServletRequest request) {
		MediaFile file = visible(caller, id, "GET", GraphParams.of(request));
		ObjectNode body = Json.object();
		body.put("messaging_product", "whatsapp");
		body.put("url", urls.mint(file.id(), baseUrl(request)));
		body.put("mime_type", file.mimeType());
		body.put("sha256", file.sha256());
		body.put("file_size", file.size());
		body.put("id", file.id());
		return body;
	}

	ObjectNode delete(Caller caller, String id, HttpServletRequest request) {
		library.delete(visible(caller, id, "DELETE", GraphParams.of(request)).id());
		ObjectNode body = Json.object();
		body.put("success", true);
		return body;
	}

	/** Scheme, host and port as the caller reached the sandbox: where the media URLs it gets must point. */
	static String baseUrl(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
	}

	private MediaFile visible(Caller caller, String id, String method, GraphParams params) {
		return library.find(id)
				.filter(file -> world.phone(file.phoneNumberId()).filter(phone -> access.sees(caller, phone))
						.isPresent())
				.filter(file -> params.string("phone_number_id").map(file.phoneNumberId()::equals).orElse(true))
				.orElseThrow(() -> GraphErrors.unsupported(method, id));
	}
}
