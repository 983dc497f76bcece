"""The words speaker detection reads: speech verbs, the words never a claimant, media nouns, pronouns."""

from __future__ import annotations

SPEECH_VERBS = frozenset(
    """say says said saying tell tells told telling state states stated add adds added claim claims claimed
    announce announces announced report reports reported write writes wrote explain explains explained
    insist insists insisted note notes noted warn warns warned argue argues argued confirm confirms confirmed
    deny denies denied estimate estimates estimated predict predicts predicted acknowledge acknowledged
    allege alleges alleged assert asserts asserted maintain maintains maintained reveal revealed disclose
    disclosed testify testified declare declares declared reiterate reiterated reiterates contend contended
    suggest suggested suggests admit admitted admits concede conceded recall recalled tweet tweeted
    posted post reporting claiming writing stating announcing warning arguing noting adding
    insisting spoke imply implies implied accuse accuses accused charge charges charged boast boasts boasted
    brag brags bragged vow vows vowed promise promises promised portray portrays portrayed blame blames blamed
    reads""".split()
)
# Words that are never a claimant: verdicts, rating widgets, bare determiners, the texts being checked.
NOT_SPEAKERS = frozenset(
    {"true", "false", "rating", "ratings", "truth-o-meter", "politifact", "another", "others", "some", "many",
     "most", "few", "all", "both", "each", "either", "neither", "one", "the law", "the bill", "the rule",
     "the article", "the story", "the statement", "the claim", "the quote", "the fact", "the facts", "the data",
     "the numbers", "the figures", "recent figures", "the evidence", "the record", "the research", "the analysis"}
)
VERDICT_WORDS = frozenset({"true", "false", "mostly true", "mostly false", "half true", "barely true",
                           "pants on fire", "half-true", "mostly-true", "mostly-false"})
# Verbs that make a claim only when a post, an ad or an image does it ("A viral meme displays ...").
MEDIA_VERBS = frozenset("show shows showed displays displayed display circulate circulating circulated features "
                        "featured shared share urges urged asks asked quote quotes quoted".split())
MEDIA_NOUNS = frozenset("post posts meme memes ad ads advertisement image images photo photos picture video videos "
                        "tweet tweets headline headlines article articles billboard billboards mailer mailers flyer "
                        "website websites blog blogs story stories graphic graphics users page pages email emails "
                        "message messages chain letter commercial commercials".split())
# "He made a statement", "had this to say": the subject states what follows.
STATEMENT_NOUNS = frozenset({"statement", "claim", "remark", "remarks", "comment", "comments", "assertion"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
UNRESOLVABLE = frozenset({"it", "this", "that", "i", "we", "you", "they", "one", "there", "which", "who"})
SUBJECT_DEPS = frozenset({"nsubj"})  # "is said to be", "are reported to have": no speaker
DROP_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis"})
OPEN_QUOTES = "\"\u201c\u2018'"
CLOSE_QUOTES = "\"\u201d\u2019'"
MAX_SPEAKER_TOKENS = 25
# What carries a claimant's words without being the claimant: "the ad says", "a narrator says", "his campaign
# bio says" (in an article whose headline names the claimant, a restating sentence is the claimant's).
VEHICLE_NOUNS = MEDIA_NOUNS | frozenset(
    "narrator narrators title bio biography editorial release mailer spot commercial speech op-ed column caption "
    "narration voiceover voice-over script transcript".split())
# "Vale's claim that ...", "the claim Vale made that ...": the owner of the claim is its speaker.
CLAIM_NOUNS = frozenset(
    "claim claims statement statements assertion assertions contention remark remarks comment comments argument "
    "charge suggestion prediction figure number numbers".split())
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
UNRESOLVABLE_OWNERS = frozenset({"their", "its", "our", "my", "your", "whose"})
# Who stands in for a headline's claimant that is an organisation: "the company said", "the group's ad".
STAND_IN_NOUNS = frozenset(
    "company corporation group campaign organization organisation agency department committee party firm chain "
    "business association union coalition pac network office administration".split())
# "He went on to say ...": a speech verb completing one of these takes its subject ("He refused to say": not).
CONTINUING_VERBS = frozenset("went go goes going continued continues continuing proceeded proceeds".split())
