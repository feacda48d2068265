package com.dossiercapture.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OAuth2 client credentials grant (RFC 6749 §4.4): the workstation authenticates to the court's
 * token endpoint with its client id and secret (HTTP Basic) and caches the access token until
 * shortly before it expires.
 */
public final class ClientCredentialsTokenSource implements TokenSource {

  private final OkHttpClient http;
  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private String token;
  private Instant expires = Instant.EPOCH;

  /**
   * @param http the client to use (shares TLS settings with the sync client)
   * @param scope the scope to ask for, or {@code null}
   */
  public ClientCredentialsTokenSource(
      OkHttpClient http, HttpUrl tokenUrl, String clientId, String clientSecret, String scope) {
    this.http = Objects.requireNonNull(http);
    this.tokenUrl = Objects.requireNonNull(tokenUrl);
    this.clientId = Objects.requireNonNull(clientId);
    this.clientSecret = Objects.requireNonNull(clientSecret);
    this.scope = scope;
  }

  @Override
  public synchronized String token() {
    if (token != null && Instant.now().isBefore(expires)) {
      return token;
    }
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
    if (scope != null) {
      form.add("scope", scope);
    }
    Request req =
        new Request.Builder()
            .url(tokenUrl)
            .header("Authorization", Credentials.basic(clientId, clientSecret))
            .post(form.build())
            .build();
    try (Response r = http.newCall(req).execute()) {
      if (r.code() == 400 || r.code() == 401 || r.code() == 403) {
        throw new SyncException(
            SyncException.Kind.AUTH,
            "the token endpoint "
                + tokenUrl.host()
                + " refused client '"
                + clientId
                + "' (HTTP "
                + r.code()
                + "): check the client id and secret");
      }
      if (!r.isSuccessful()) {
        throw new SyncException(
            SyncException.Kind.TRANSIENT, "the token endpoint answered HTTP " + r.code());
      }
      JsonNode n = Replies.object(r, 64 * 1024, "the token request");
      String t = n.path("access_token").asText("");
      if (t.isEmpty() || !"bearer".equalsIgnoreCase(n.path("token_type").asText(""))) {
        throw new SyncException(
            SyncException.Kind.BAD_REPLY,
            "the token endpoint's reply has no bearer access_token: refused");
      }
      long seconds = n.path("expires_in").asLong(300);
      token = t;
      expires = Instant.now().plus(Duration.ofSeconds(Math.max(0, seconds - 30)));
      return token;
    } catch (IOException e) {
      throw new SyncException(
          SyncException.Kind.OFFLINE,
          "cannot reach the token endpoint " + tokenUrl.host() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized void invalidate() {
    token = null;
  }
}
