package io.drydock.platform.net;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that sends the proxy's credentials with every request routed to a proxy (as curl does with
 * credentials in the proxy URL), and turns a proxy's {@code 407} into a {@link ProxyAuthenticationException} that
 * names the proxy.
 *
 * <p>Why not a {@link java.net.Authenticator}: once a client has one, the JDK asks it about <em>server</em> challenges
 * too, and when it declines a registry's {@code WWW-Authenticate: Basic} (the registry client answers those itself,
 * per registry and account) the request fails with "No credentials provided" instead of returning the 401. A
 * {@code Proxy-Authorization} header is safe to add to every request: the JDK puts it only on the CONNECT of a tunnel
 * or on a request sent to a proxy in plain HTTP, and strips {@code Proxy-*} headers from requests that go direct or
 * through a tunnel to the server.
 */
final class ProxyAuthorizingHttpClient extends HttpClient {

    private static final int PROXY_AUTHENTICATION_REQUIRED = 407;

    private final HttpClient delegate;
    private final ProxySettings settings;

    ProxyAuthorizingHttpClient(HttpClient delegate, ProxySettings settings) {
        this.delegate = delegate;
        this.settings = settings;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Optional<ProxyEndpoint> proxy = settings.proxyFor(request.uri());
        return checked(request, proxy, delegate.send(authorized(request, proxy), handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Optional<ProxyEndpoint> proxy = settings.proxyFor(request.uri());
        return delegate.sendAsync(authorized(request, proxy), handler).thenApply(response -> uncheckedCheck(request, proxy, response));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        Optional<ProxyEndpoint> proxy = settings.proxyFor(request.uri());
        return delegate.sendAsync(authorized(request, proxy), handler, pushPromiseHandler)
                .thenApply(response -> uncheckedCheck(request, proxy, response));
    }

    private static HttpRequest authorized(HttpRequest request, Optional<ProxyEndpoint> proxy) {
        if (proxy.isEmpty() || !proxy.get().hasCredentials() || request.headers().firstValue("Proxy-Authorization").isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Proxy-Authorization", proxy.get().basicAuthorization())
                .build();
    }

    private static <T> HttpResponse<T> checked(HttpRequest request, Optional<ProxyEndpoint> proxy, HttpResponse<T> response)
            throws ProxyAuthenticationException {
        if (response.statusCode() != PROXY_AUTHENTICATION_REQUIRED || proxy.isEmpty()) {
            return response;
        }
        if (response.body() instanceof AutoCloseable body) {
            try {
                body.close();
            } catch (Exception ignored) {
                // Only releasing the connection; the 407 is what the caller needs to hear about.
            }
        }
        ProxyEndpoint endpoint = proxy.get();
        String tunnel = "https".equalsIgnoreCase(request.uri().getScheme())
                ? "; if they are right, check that Basic authentication for CONNECT tunnels is enabled in this JVM "
                + "(jdk.http.auth.tunneling.disabledSchemes is '" + System.getProperty("jdk.http.auth.tunneling.disabledSchemes",
                "Basic (the JDK default)") + "')" : "";
        throw new ProxyAuthenticationException(endpoint.hasCredentials()
                ? "proxy " + endpoint + " rejected the credentials of user " + endpoint.username() + " for "
                + request.uri().getHost() + " (HTTP 407 Proxy Authentication Required)" + tunnel
                : "proxy " + endpoint + " requires authentication for " + request.uri().getHost()
                + " (HTTP 407 Proxy Authentication Required); give http://user:password@host:port (URL-encoded) as the proxy");
    }

    private static <T> HttpResponse<T> uncheckedCheck(HttpRequest request, Optional<ProxyEndpoint> proxy, HttpResponse<T> response) {
        try {
            return checked(request, proxy, response);
        } catch (ProxyAuthenticationException e) {
            throw new CompletionException(e);
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return delegate.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Builds the JDK's client with the settings' proxy selector and wraps it. */
    static final class Builder implements HttpClient.Builder {

        private final HttpClient.Builder delegate;
        private final ProxySettings settings;

        Builder(HttpClient.Builder delegate, ProxySettings settings) {
            this.delegate = delegate;
            this.settings = settings;
        }

        @Override
        public Builder cookieHandler(CookieHandler cookieHandler) {
            delegate.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration duration) {
            delegate.connectTimeout(duration);
            return this;
        }

        @Override
        public Builder sslContext(SSLContext sslContext) {
            delegate.sslContext(sslContext);
            return this;
        }

        @Override
        public Builder sslParameters(SSLParameters sslParameters) {
            delegate.sslParameters(sslParameters);
            return this;
        }

        @Override
        public Builder executor(Executor executor) {
            delegate.executor(executor);
            return this;
        }

        @Override
        public Builder followRedirects(Redirect policy) {
            delegate.followRedirects(policy);
            return this;
        }

        @Override
        public Builder version(Version version) {
            delegate.version(version);
            return this;
        }

        @Override
        public Builder priority(int priority) {
            delegate.priority(priority);
            return this;
        }

        @Override
        public Builder proxy(ProxySelector proxySelector) {
            throw new UnsupportedOperationException("the proxy of this builder comes from the proxy settings");
        }

        @Override
        public Builder authenticator(Authenticator authenticator) {
            delegate.authenticator(authenticator);
            return this;
        }

        @Override
        public Builder localAddress(InetAddress localAddress) {
            delegate.localAddress(localAddress);
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProxyAuthorizingHttpClient(delegate.build(), settings);
        }
    }
}
