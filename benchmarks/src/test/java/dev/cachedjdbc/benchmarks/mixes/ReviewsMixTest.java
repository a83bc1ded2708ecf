package dev.cachedjdbc.benchmarks.mixes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic by which a read names, before it runs, every review and trust it may return. */
class ReviewsMixTest {

    private static final int USERS = 2_000;
    private static final int ITEMS = 1_000;

    @Test
    void theItemsAUserReviewedAreExactlyThoseWhoseReviewersIncludeTheUser() {
        for (int user : new int[] {1, 2, 999, 1_000, 1_999, 2_000}) {
            List<Integer> reviewedByBruteForce = new ArrayList<>();
            for (int item = 1; item <= ITEMS; item++) {
                for (int index = 0; index < ReviewsMix.REVIEWS_PER_ITEM; index++) {
                    if (ReviewsMix.reviewerOf(item, index, USERS) == user) {
                        reviewedByBruteForce.add(item);
                    }
                }
            }
            assertThat(ReviewsMix.itemsReviewedBy(user, USERS, ITEMS)).isEqualTo(reviewedByBruteForce).hasSize(5);
        }
    }

    @Test
    void anItemsReviewersAreDistinctSoTheirCompositeKeysNameOneReviewEach() {
        for (int item : new int[] {1, 200, 1_000}) {
            List<Integer> reviewers = new ArrayList<>();
            for (int index = 0; index < ReviewsMix.REVIEWS_PER_ITEM; index++) {
                reviewers.add(ReviewsMix.reviewerOf(item, index, USERS));
            }
            assertThat(reviewers).doesNotHaveDuplicates();
        }
    }

    @Test
    void trustedUsersWrapAroundTheLastUserAndExcludeTheSource() {
        List<Integer> trusted = new ArrayList<>();
        for (int index = 1; index <= ReviewsMix.TRUSTED_PER_USER; index++) {
            trusted.add(ReviewsMix.trusteeOf(1_995, index, USERS));
        }
        assertThat(trusted).containsExactly(1_996, 1_997, 1_998, 1_999, 2_000, 1, 2, 3, 4, 5);
    }
}
