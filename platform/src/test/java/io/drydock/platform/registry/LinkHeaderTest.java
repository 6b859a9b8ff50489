package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsTheNextPage() {
        assertThat(LinkHeader.next("</v2/app/tags/list?last=b&n=2>; rel=\"next\""))
                .contains("/v2/app/tags/list?last=b&n=2");
    }

    @Test
    void picksNextAmongSeveralLinks() {
        assertThat(LinkHeader.next("<https://r.example/first>; rel=\"first\", <https://r.example/v2/a/tags/list?last=x>; rel=next"))
                .contains("https://r.example/v2/a/tags/list?last=x");
    }

    @Test
    void noNextOnTheLastPage() {
        assertThat(LinkHeader.next(null)).isEmpty();
        assertThat(LinkHeader.next("<https://r.example/first>; rel=\"prev\"")).isEmpty();
    }
}
