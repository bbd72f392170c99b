package dev.voiceplane.catalog;

/**
 * HTTP paths that the services serve and the ingress, rate limits and alerts name too. A service
 * registers its handler on the constant and the ingress routes the same constant, so neither can move
 * without the other.
 */
public final class Routes {
    /** Every public route of every service lives under it; the public ingress routes nothing else. */
    public static final String API = "/api";
    /** Login, registration, refresh and logout: the ingress holds them to the guide's 1 request/s. */
    public static final String AUTH = API + "/auth";
    public static final String AUTH_REGISTER = AUTH + "/register";
    public static final String AUTH_LOGIN = AUTH + "/login";
    public static final String AUTH_REFRESH = AUTH + "/refresh";
    public static final String AUTH_LOGOUT = AUTH + "/logout";
    /** Voice uploads: the ingress gives them long timeouts and large bodies (BharatVoice guide). */
    public static final String VOICE = API + "/voice";
    public static final String VOICE_UPLOADS = VOICE + "/uploads";
    /** BharatVoice's typed and spoken questions. */
    public static final String QUERIES = API + "/queries";

    private Routes() {
    }
}
