package nl.iwa.hub.ops.demo;

import java.util.List;

/** The demo partners, as registered in {@code ops/config/partners.yaml}; their topics are {@code PartnerTopics}'. */
public final class Partners {

    public static final String SOCIAL_TEAM = "socialteam-heerlen";
    public static final String WI_SUPPORT = "wi-heerlen-support";
    public static final String WI_ENFORCEMENT = "wi-heerlen-enforcement";
    public static final String UWV = "uwv-zuid-limburg";
    public static final String GP = "gp-heerlen-centrum";
    public static final String HOUSING = "housing-mijnstreek";
    public static final List<String> ALL = List.of(HOUSING, UWV, WI_SUPPORT, SOCIAL_TEAM, GP, WI_ENFORCEMENT);

    /** A receiver no partner registration knows, for the UNKNOWN_RECEIVER case. */
    public static final String UNREGISTERED = "uwv-elders";

    /** Consent changes are addressed to the hub itself. */
    public static final String HUB = "hub";

    private Partners() {
    }
}
