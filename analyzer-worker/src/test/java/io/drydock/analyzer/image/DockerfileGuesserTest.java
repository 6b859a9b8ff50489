package io.drydock.analyzer.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerfileGuesserTest {

    private final ImageConfigParser parser = new ImageConfigParser();

    @Test
    void reconstructsClassicBuilderHistory() {
        ImageConfig config = parser.parse(ImageConfigParserTest.resource("nginx-classic-config.json"));

        assertThat(DockerfileGuesser.guess(config.history())).isEqualTo("""
                FROM scratch
                ADD file:39d17d28c5de0bd629e5b7c8190228e5a445d61d668e189b7523e90e68f78244 in /
                CMD ["bash"]
                LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>
                ENV NGINX_VERSION=1.25.3
                ENV NJS_VERSION=0.8.2
                ENV PKG_RELEASE=1~bookworm
                RUN set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx \
                --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     \
                && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 \
                ca-certificates
                COPY file:01e75c6dd0ce317d516928a17584d111cd082840c01e58be0afc851b33e0d5f8 in /
                COPY file:caec368f5a54f70a844a13005eb2255bed778809b3672d516e719ce2f4bce123 in /docker-entrypoint.d
                ENTRYPOINT ["/docker-entrypoint.sh"]
                EXPOSE 80
                STOPSIGNAL SIGQUIT
                CMD ["nginx" "-g" "daemon off;"]
                """);
    }

    @Test
    void reconstructsBuildKitHistoryKeepingInstructionsAsTheyAre() {
        ImageConfig config = parser.parse(ImageConfigParserTest.resource("buildkit-config.json"));

        assertThat(DockerfileGuesser.guess(config.history())).isEqualTo("""
                FROM scratch
                # debian.sh --arch 'arm64' out/ 'bookworm' '@1718236800'
                CMD ["bash"]
                ARG TARGETARCH=arm64
                ENV APP_HOME=/srv/app
                WORKDIR /srv/app
                RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
                && rm -rf /var/lib/apt/lists/*
                COPY app /srv/app/app
                EXPOSE map[8080/tcp:{} 8443/tcp:{}]
                HEALTHCHECK &{["CMD-SHELL" "curl -f http://localhost:8080/health || exit 1"] "30s" "3s" "0s" "0s" '\\x03'}
                USER app
                ENTRYPOINT ["/srv/app/app"]
                CMD ["serve"]
                """);
    }

    @Test
    void stripsBuildArgsAndShellFromClassicRunSteps() {
        assertThat(DockerfileGuesser.line("|2 VERSION=1.2 TARGETOS=linux /bin/sh -c make install"))
                .contains("RUN make install");
        assertThat(DockerfileGuesser.line("/bin/sh -c apk add --no-cache curl"))
                .contains("RUN apk add --no-cache curl");
        assertThat(DockerfileGuesser.line("")).isEmpty();
    }
}
