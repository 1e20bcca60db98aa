package io.wabaflow.sandbox.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.sandbox.graph.Callers;
import io.wabaflow.sandbox.graph.GraphAccess;
import io.wabaflow.sandbox.graph.GraphErrors;
import io.wabaflow.sandbox.graph.GraphParams;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.PhoneNumber;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graph's media calls: {@code POST /{phone}/media} (multipart: {@code messaging_product}, {@code type}, {@code file})
 * → {@code {"id"}}, and {@code DELETE /{media-id}} → {@code {"success":true}} ({@code GET /{media-id}} is a node
 * read: {@code onboarding/NodeController} hands media ids to {@link MediaNodes}). An unsupported type or a file over
 * its kind's limit is 100 naming the problem; an empty file is 131053, Meta's code for media it cannot use.
 */
@RestController
class MediaController {

	/** The largest file Meta takes (a 100 MB document), and room for the form around it. */
	private static final long LARGEST_BODY = MediaKind.DOCUMENT.maxBytes() + (1 << 20);

	private final MediaLibrary library;
	private final MediaNodes nodes;
	private final GraphAccess access;

	MediaController(MediaLibrary library, MediaNodes nodes, GraphAccess access) {
		this.library = library;
		this.nodes = nodes;
		this.access = access;
	}

	@PostMapping("/{version:v\\d+\\.0}/{phoneNumberId}/media")
	ObjectNode upload(@PathVariable String phoneNumberId, HttpServletRequest request) throws IOException {
		PhoneNumber phone = access.phone(Callers.of(request), phoneNumberId, "POST");
		MultipartForm form = MultipartForm.parse(request.getContentType(), body(request));
		GraphParams params = GraphParams.of(form.fields());
		params.requireWhatsAppProduct();
		String type = params.required("type");
		MultipartForm.Part file = form.part("file").filter(part -> part.filename() != null)
				.orElseThrow(() -> GraphErrors.missingParameter("file"));
		MediaKind kind = MediaKind.ofMimeType(type).orElseThrow(() -> GraphErrors.invalidParameterNamed(
				"Param type must be one of {" + String.join(", ", MediaKind.allMimeTypes()) + "} - got \"" + type
						+ "\"."));
		byte[] bytes = file.content();
		if (bytes.length == 0) {
			throw GraphErrors.of(131053, "The uploaded file " + file.filename() + " is empty.");
		}
		if (bytes.length > kind.maxBytes()) {
			throw GraphErrors.invalidParameterNamed("File size " + bytes.length + " bytes exceeds the "
					+ kind.maxBytes() + " bytes allowed for " + kind.metaName() + " (" + type + ").");
		}
		ObjectNode body = Json.object();
		body.put("id", library.add(phone, type.strip().toLowerCase(Locale.ROOT), file.filename(), bytes).id());
		return body;
	}

	@DeleteMapping("/{version:v\\d+\\.0}/{id}")
	ObjectNode delete(@PathVariable String id, HttpServletRequest request) {
		return nodes.delete(Callers.of(request), id, request);
	}

	/** The whole body, refused beyond what any kind allows (without reading a body that says it is too large). */
	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > LARGEST_BODY) {
			throw tooLarge();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) LARGEST_BODY + 1);
			if (bytes.length > LARGEST_BODY) {
				throw tooLarge();
			}
			return bytes;
		}
	}

	private static RuntimeException tooLarge() {
		return GraphErrors.invalidParameterNamed("The upload exceeds " + MediaKind.DOCUMENT.maxBytes()
				+ " bytes, the largest file WhatsApp takes.");
	}
}
