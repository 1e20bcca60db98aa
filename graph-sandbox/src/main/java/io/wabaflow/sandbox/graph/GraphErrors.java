package io.wabaflow.sandbox.graph;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Meta's error catalogue as far as Wabaflow meets it: code, title (which Meta also puts into {@code message} as
 * {@code "(#code) title"}), a default {@code error_data.details}, and the HTTP status.
 *
 * <p>HTTP statuses follow the "HTTP Status Code" column of Meta's error-code page where it gives one (0/190 → 401,
 * 10/200-299/368 → 403, 3/131000 → 500, temporary unavailability → 503), 400 elsewhere. Throttling codes
 * (4, 80007, 130429, 131048, 131056) are answered with HTTP 400 by default: that is what the Cloud API has been
 * observed to return, Meta's own table has varied between 400 and 429, and Meta tells clients to classify by
 * {@code code}, never by HTTP status [ERR]. {@code sandbox.errors.throttling-http-status=429} lets a test check
 * that a client really does.
 */
public final class GraphErrors {

	public static final String OAUTH = "OAuthException";
	public static final String GRAPH_METHOD = "GraphMethodException";
	public static final String ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

	/** Codes whose HTTP status is the configured throttling status. */
	public static final Set<Integer> THROTTLING = Set.of(4, 80007, 130429, 131048, 131056);

	record Spec(String title, int httpStatus, String details) {
	}

	private static final Map<Integer, Spec> CATALOGUE = Map.ofEntries(
			spec(0, "AuthException", 401, "We were unable to authenticate the app user."),
			spec(1, "API Unknown", 400, "Invalid request or possible server error."),
			spec(2, "API Service", 503, "Temporary due to downtime or due to being overloaded."),
			spec(3, "API Method", 500, "Capability or permissions issue."),
			spec(4, "Application request limit reached", 400, "The app has reached its API call rate limit."),
			spec(10, "Application does not have permission for this action", 403,
					"Permission is either not granted or has been removed."),
			spec(33, "Parameter value is not valid", 400, "The business phone number has been deleted."),
			spec(100, "Invalid parameter", 400,
					"The request included one or more unsupported or misspelled parameters."),
			spec(190, "Access token has expired", 401, "Your access token has expired."),
			spec(200, "Permissions error", 403, "Permission is either not granted or has been removed."),
			spec(368, "Temporarily blocked for policies violations", 403,
					"The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy."),
			spec(2200, "Callback verification failed", 400, "The callback URL could not be verified."),
			spec(80007, "Rate limit issues", 400, "The WhatsApp Business Account has reached its rate limit."),
			spec(130403, "Recipient blocked", 400, "The business has blocked this user."),
			spec(130429, "Rate limit hit", 400,
					"Message failed to send because there were too many messages sent from this phone number in a short period of time"),
			spec(130472, "User's number is part of an experiment", 400,
					"Message was not sent as part of an experiment."),
			spec(130497, "Business account is restricted from messaging users in this country", 403,
					"The WhatsApp Business Account is restricted from messaging users in certain countries."),
			spec(131000, "Something went wrong", 500, "Message failed to send due to an unknown error."),
			spec(131005, "Access denied", 403, "Permission is either not granted or has been removed."),
			spec(131008, "Required parameter is missing", 400, "The request is missing a required parameter."),
			spec(131009, "Parameter value is not valid", 400, "One or more parameter values are invalid."),
			spec(131016, "Service unavailable", 503, "A service is temporarily unavailable."),
			spec(131021, "Recipient cannot be sender", 400, "Sender and recipient phone number is the same."),
			spec(131026, "Message undeliverable", 400, "Unable to deliver message."),
			spec(131031, "Business Account locked", 400,
					"The WhatsApp Business Account has been restricted or disabled for violating a platform policy, or the data could not be verified."),
			spec(131037, "WhatsApp provided number needs display name approval before message can be sent.", 400,
					"The 555 business phone number needs an approved display name."),
			spec(131042, "Business eligibility payment issue", 400,
					"There was an error related to your payment method."),
			spec(131045, "Incorrect certificate", 400,
					"Message failed to send due to a phone number registration error."),
			spec(131047, "Re-engagement message", 400,
					"Message failed to send because more than 24 hours have passed since the customer last replied to this number."),
			spec(131048, "Spam rate limit hit", 400,
					"Message failed to send because there are restrictions on how many messages can be sent from this phone number."),
			spec(131049, "This message was not delivered to maintain healthy ecosystem engagement.", 400,
					"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."),
			spec(131050, "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
					400, "The user has stopped marketing messages from this business."),
			spec(131051, "Unsupported message type", 400, "Unsupported message type."),
			spec(131052, "Media download error", 400, "Unable to download the media sent by the user."),
			spec(131053, "Media upload error", 400, "Unable to upload the media used in the message."),
			spec(131056, "(Business Account, Consumer Account) pair rate limit hit", 400,
					"Too many messages sent from the sender phone number to the same recipient phone number in a short period of time."),
			spec(131057, "Account in maintenance mode", 503, "Business Account is in maintenance mode."),
			spec(131063, "Marketing messages are disabled", 400,
					"Marketing templates are disabled for this Cloud API configuration."),
			spec(131064, "Messaging limit reached due to template violations", 400,
					"Messaging is limited because of template classification violations."),
			spec(132000, "Number of parameters does not match the expected number of params", 400,
					"The number of variable parameter values included in the request did not match the number of variable parameters defined in the template."),
			spec(132001, "Template name does not exist in the translation", 404,
					"The template does not exist in the specified language or the template has not been approved."),
			spec(132005, "Translated text too long", 400, "Translated text is too long."),
			spec(132007, "Template format character policy violated", 400,
					"Template content violates a WhatsApp policy."),
			spec(132012, "Parameter format does not match format in the created template", 400,
					"Variable parameter values formatted incorrectly."),
			spec(132015, "Template is paused", 400, "Template is paused due to low quality so it cannot be sent."),
			spec(132016, "Template is disabled", 400,
					"Template has been paused too many times due to low quality and is now permanently disabled."),
			spec(133000, "Incomplete deregistration", 400, "A previous deregistration attempt failed."),
			spec(133004, "Server temporarily unavailable", 503, "Server is temporarily unavailable."),
			spec(133005, "Two step verification PIN mismatch", 400, "Two-step verification PIN incorrect."),
			spec(133006, "Phone number re-verification needed", 400,
					"Phone number needs to be verified before registering."),
			spec(133008, "Too many two step verification PIN guesses for this phone number", 400,
					"Too many incorrect two-step verification PIN guesses."),
			spec(133009, "Two step verification PIN was entered too quickly", 400,
					"Two-step verification PIN guessed too fast."),
			spec(133010, "Phone number not registered", 400,
					"Phone number not registered on the WhatsApp Business Platform."),
			spec(133015, "Please wait a few minutes before attempting to register this phone number", 400,
					"The phone number was recently deleted; wait 5 minutes before re-trying."),
			spec(133016, "Account register deregister rate limit exceeded", 400,
					"Registration or Deregistration failed because there were too many attempts for this phone number in a short period of time"),
			spec(135000, "Generic user error", 400, "Message failed to send because of an unknown error with your request parameters."),
			spec(2494100, "Account in maintenance mode", 503, "The account is in maintenance mode. Try again in a few minutes."),
			spec(2593107, "Synchronization limit reached", 400,
					"The smb_app_data API was called more than the maximum number of times for this sync_type. Offboard and re-onboard the business to synchronize again."),
			spec(2593108, "Synchronization window has closed", 400,
					"Contacts and message history can only be synchronized within 24 hours of onboarding."),
			spec(2593109, "History sync is turned off by the business from the WhatsApp Business App", 400,
					"History sharing is turned off by the business"));

	private GraphErrors() {
	}

	private static Map.Entry<Integer, Spec> spec(int code, String title, int httpStatus, String details) {
		return Map.entry(code, new Spec(title, httpStatus, details));
	}

	static Optional<Spec> spec(int code) {
		return Optional.ofNullable(CATALOGUE.get(code));
	}

	/** Meta's title for a code; error objects in webhooks carry it as both {@code title} and {@code message}. */
	public static String title(int code) {
		return spec(code).map(Spec::title).orElse("Error " + code);
	}

	public static String defaultDetails(int code) {
		return spec(code).map(Spec::details).orElse("Sandbox error " + code + ".");
	}

	/** Any catalogued (or injected) code with its default message and details. */
	public static GraphException of(int code) {
		return of(code, null);
	}

	public static GraphException of(int code, String details) {
		Spec spec = spec(code).orElse(new Spec("Error " + code, 400, "Sandbox error " + code + "."));
		return new GraphException(code, OAUTH, spec.httpStatus(), "(#" + code + ") " + spec.title(),
				details == null ? spec.details() : details);
	}

	/** An error with a message of its own, as Meta writes for parameter and token problems. */
	public static GraphException withMessage(int code, String message, String details) {
		Spec spec = spec(code).orElse(new Spec("Error " + code, 400, ""));
		return new GraphException(code, OAUTH, spec.httpStatus(), message, details == null ? spec.details() : details);
	}

	/** An error with a message of its own and an {@code error_subcode}, as template management answers. */
	public static GraphException withSubcode(int code, int subcode, String message, String details) {
		GraphException base = withMessage(code, message, details);
		return new GraphException(code, base.type(), base.httpStatus(), message, base.details(), subcode);
	}

	public static GraphException invalidParameter(String details) {
		return of(100, details);
	}

	public static GraphException missingParameter(String name) {
		return withMessage(100, "(#100) The parameter " + name + " is required", "The parameter " + name + " is required.");
	}

	public static GraphException requiredField(String path) {
		return of(131008, "The parameter " + path + " is required.");
	}

	public static GraphException invalidValue(String details) {
		return of(131009, details);
	}

	/**
	 * Graph's answer for an id that does not exist, is not visible to the caller, or has no such operation. The
	 * same text covers all three on purpose: Meta does not reveal which. Graph adds {@code error_subcode} 33 to it
	 * (a media id Meta no longer has answers the same way).
	 */
	public static GraphException unsupported(String method, String id) {
		String message = "Unsupported " + method.toLowerCase() + " request. Object with ID '" + id
				+ "' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
				+ " Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";
		return new GraphException(100, GRAPH_METHOD, 400, message, message, 33);
	}

	/** 100 with the problem in the message too ({@code "(#100) <problem>"}), as Meta words upload refusals. */
	public static GraphException invalidParameterNamed(String problem) {
		return withMessage(100, "(#100) " + problem, problem);
	}

	public static GraphException nonexistingField(String field, String nodeType) {
		String message = "(#100) Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")";
		return new GraphException(100, OAUTH, 400, message, message);
	}

	public static GraphException invalidToken() {
		return new GraphException(190, OAUTH, 401, "Invalid OAuth access token - Cannot parse access token",
				"The access token could not be decrypted.");
	}

	public static GraphException invalidatedToken() {
		return new GraphException(190, OAUTH, 401,
				"Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
				"The access token has been invalidated.");
	}

	/**
	 * A call without any token. The facts file lists code 200 for "no token / permission not granted" [ERR];
	 * the message is Graph's usual wording for this case.
	 */
	public static GraphException noToken() {
		return new GraphException(200, OAUTH, 403, "(#200) An access token is required to request this resource.",
				"An access token is required to request this resource.");
	}
}
