"""Shapes of real news that events must survive (issue 14), with made-up sentences:
datelines, separate incidents told side by side, habits, back-references."""

from __future__ import annotations

from datetime import date

from geo.models import Event
from tests.events.test_events import events_of


def kinds(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(e.type, e.sentence) for e in events_of(text, **kwargs)]  # type: ignore[arg-type]


def test_a_dateline_does_not_hide_the_verb_of_the_first_sentence() -> None:
    text = ("BAKU — Hundreds of union members gathered Sunday outside the parliament to mark a "
            "year of protests against the government.")
    events = events_of(text, published=date(2023, 11, 8))
    protest = next(e for e in events if e.type == "protest")
    assert protest.sentence.startswith("Hundreds of union members")
    assert protest.interval.start == date(2023, 11, 5)


def test_elsewhere_and_in_another_incident_tell_other_attacks() -> None:
    text = ("A local judge was shot dead by gunmen in Baku on Monday, officials said. "
            "Elsewhere in the country on Monday, a police commander was killed in a car bombing. "
            "In another incident, gunmen shot a teacher in Baku.")
    attacks = [e for e in events_of(text) if e.type == "attack"]
    assert len(attacks) == 3


def test_a_habit_in_the_present_is_no_event() -> None:
    text = "Armed groups in the province frequently bomb buses travelling to Baku."
    assert [e for e in events_of(text) if e.type in {"attack", "visit"}] == []


def test_a_frequency_adverb_in_the_past_still_tells_what_happened() -> None:
    text = "Gunmen repeatedly attacked the village near Baku on Monday."
    assert [e.type for e in events_of(text)] == ["attack"]


def test_the_attacks_happened_points_back_to_the_attack_told_before() -> None:
    text = ("A car bomb exploded near a market on Thursday, killing nine people. "
            "The attacks took place in a busy quarter of the city.")
    assert [e.type for e in events_of(text)] == ["attack"]


def test_the_fiercest_fighting_is_a_new_clash_not_a_reference() -> None:
    text = ("Rebels and troops clashed near Baku on Tuesday. "
            "The fiercest fighting in years left six soldiers dead on Saturday.")
    assert [e.type for e in events_of(text)] == ["clash", "clash"]


def statements(text: str) -> list[tuple[str, ...]]:
    return [e.actor_names for e in events_of(text) if e.type == "statement"]


def test_whoever_claims_responsibility_makes_a_statement() -> None:
    assert statements("Black Dawn claimed responsibility on its website.") == [
        ("Black Dawn",)]


def test_a_formal_statement_makes_its_issuer_speak_in_public() -> None:
    assert statements("A statement from Miriam Tolk said the money will be paid out next month.") == [
        ("Miriam Tolk",)]
    assert statements("Miriam Tolk said the money will be paid out next month.") == []  # a private person
    assert statements('Miriam Tolk said on Twitter: "I call upon all parties to stay away from the vote."') == [
        ("Miriam Tolk",)]


def test_two_speakers_in_one_sentence_make_two_statements() -> None:
    found = statements("The ministry announced that the border would reopen, but rebel commanders later "
                       "said they would not withdraw.")
    assert len(found) == 2


def test_a_casualty_told_after_an_attack_adds_to_it() -> None:
    text = ("Gunmen opened fire on a bus near Baku on Tuesday, killing four passengers. "
            "A guard was also killed.")
    assert [e.type for e in events_of(text)] == ["attack"]


def test_the_fifth_attack_this_month_ranks_the_blast_it_follows() -> None:
    text = "A car bomb exploded near a market in Tehran on Thursday, in the fifth major attack in Iran this month."
    attacks = [e for e in events_of(text) if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].place is not None
    assert attacks[0].place.name == "Tehran"


def test_a_courtesy_title_is_no_public_office() -> None:
    assert statements("Mrs Jolene Hart said the shop would close early because of the heat.") == []
    assert statements("Minister Jolene Hart said the shop would close early because of the heat.") == [
        ("Jolene Hart",)]


def test_accused_of_is_a_passive_and_the_opposition_speaks_in_public() -> None:
    assert statements("Ruling party accused of vote rigging in Baku") == []
    assert statements("The opposition accused the ruling party of vote rigging in Baku.") == [("opposition",)]


def test_a_verb_of_saying_in_an_object_relative_clause_says_nothing() -> None:
    assert statements("The appeal did not mention the boycott which the union had threatened.") == []


def test_a_role_before_the_name_in_apposition_finds_the_speaker() -> None:
    assert statements("The minister for relief, Jonas Mbeki, has reiterated the government's pledge to help.") == [
        ("Jonas Mbeki",)]


def test_a_denial_takes_a_position() -> None:
    assert statements("The president of Tajikistan, Amir Dostov, said that neither he nor his aides took money.") == [
        ("Amir Dostov",)]


def test_a_delegation_head_speaks_after_the_quote() -> None:
    assert statements('"We cannot accept this text," said the head of the Polish delegation Jan Wrona.') != []


def test_taking_to_the_streets_and_occupying_a_square_are_protests() -> None:
    assert [e.type for e in events_of("Tens of thousands of protesters took to the streets of Baku on Friday.")] == [
        "protest"]
    assert [e.type for e in events_of("Protesters occupied the main square of Baku on Friday.")] == ["protest"]
    assert [e.type for e in events_of("Troops occupied the main square of Baku on Friday.")] == []


def test_gunned_down_is_an_attack() -> None:
    assert [e.type for e in events_of("Two assailants on a motorbike gunned down a judge in Baku on Monday.")] == [
        "attack"]


def test_the_attack_told_again_in_a_city_of_the_country_takes_the_city() -> None:
    text = ("A bomb killed five soldiers in Iran on Monday. "
            "The attack happened in Tehran near a military base.")
    attacks = [e for e in events_of(text) if e.type == "attack"]
    assert len(attacks) == 1
    assert attacks[0].place is not None
    assert attacks[0].place.name == "Tehran"


def test_a_killing_the_sentence_only_confirms_adds_to_the_attack() -> None:
    text = ("A car bomb exploded near a market in Baghdad on Thursday, killing nine people. "
            "The army confirmed the assault but said seven people were killed.")
    assert [e.type for e in events_of(text)] == ["attack"]


def test_crowds_storming_an_embassy_in_protest_protest() -> None:
    assert [e.type for e in events_of("Angry residents stormed the embassy in Baku in protest on Friday.")] == [
        "protest"]
    assert [e.type for e in events_of("Gunmen stormed the embassy in Baku on Friday.")] == ["attack"]


def test_a_vow_without_a_time_is_a_threat_not_a_plan() -> None:
    assert [e.type for e in events_of("The opposition leader vowed to take to the streets of Baku.")
            if e.type != "statement"] == []
    visit = one_event("The minister pledged to visit Baku next week.")
    assert (visit.type, visit.planned) == ("visit", True)


def test_an_attack_in_a_bid_to_do_something_still_happened_but_the_aim_did_not() -> None:
    assert [e.type for e in events_of("The rebels attacked the town on Monday in a bid to meet the envoy in Baku.")
            ] == ["attack"]


def one_event(text: str) -> Event:
    found = [e for e in events_of(text) if e.type != "statement"]
    assert len(found) == 1, found
    return found[0]


def test_a_rotation_of_forces_is_a_deployment_wherever_it_stands() -> None:
    event = one_event("The ministry announced a rotation of army units near Baku on Monday.")
    assert event.type == "deployment"
    assert event.place is not None
    assert event.place.name == "Baku"


def test_bringing_troops_somewhere_deploys_them() -> None:
    assert one_event("The government brought troops to Baku on Monday.").type == "deployment"
    assert [e.type for e in events_of("They brought the plan to parliament in Baku on Monday.")] == []


def test_the_same_speaker_on_another_occasion_makes_another_statement() -> None:
    text = ("Minister Jolene Hart warned that the dam would not hold. "
            "She added that the government must act. "
            "In a statement on Friday, Minister Jolene Hart urged residents to leave.")
    found = [e for e in events_of(text) if e.type == "statement"]
    assert len(found) == 2
    assert len(found[0].sentences) == 2  # "she added" continues the first


def test_where_stands_for_the_most_specific_place_of_the_chain_before_it() -> None:
    text = "He drove to his hometown of Rasht in Iran, where his followers fought running battles with riot police."
    protest = one_event(text)
    assert protest.type == "protest"
    assert protest.place is not None
    assert protest.place.name == "Rasht"


def test_a_country_stands_for_the_one_place_inside_it_the_sentence_names() -> None:
    text = "Elsewhere in Iran on Monday, the police chief of Rasht was killed in a car bombing."
    attack = one_event(text)
    assert attack.place is not None
    assert attack.place.name == "Rasht"


def test_a_reaction_to_an_event_told_in_the_sentence_is_a_statement_of_its_own() -> None:
    text = "The foreign ministry accused rebels of shelling villages near Baku on Monday."
    assert {e.type for e in events_of(text)} == {"statement", "attack"}
    text = "Police said gunmen attacked the embassy in Baku on Monday."  # a report: the attack is the news
    assert [e.type for e in events_of(text)] == ["attack"]


def test_a_capital_speaking_for_its_government_speaks_there() -> None:
    statement = one_statement("Tehran warned on Monday that it would not accept the plan.")
    assert statement.place is not None
    assert statement.place.name == "Tehran"


def test_where_things_were_said_does_not_decide_where_they_happened() -> None:
    text = ("Rebels attacked a convoy near Rasht on Monday. The convoy carried food, medicine and tents for "
            "families who had left their homes during the floods of the spring and had waited for weeks in camps. "
            "Gunmen shot a guard at a checkpoint. "
            "Tehran warned that it would respond. Tehran also urged calm. Tehran said it would act.")
    attacks = [e for e in events_of(text) if e.type == "attack" and e.place_precision == "document"]
    assert attacks
    assert all(e.place is not None and e.place.name == "Rasht" for e in attacks)


def one_statement(text: str) -> Event:
    found = [e for e in events_of(text) if e.type == "statement"]
    assert len(found) == 1, found
    return found[0]


def test_an_office_heads_the_role_whatever_modifies_it() -> None:
    assert statements("The agency's media coordinator, Lina Varga, reiterated calls for a ceasefire.") == [
        ("Lina Varga",)]
    assert statements("A local parliamentarian praised the new bridge.") != []


def test_a_role_to_a_body_and_a_hyphenated_office_belong_to_the_speaker() -> None:
    assert statements("Ruritania's deputy ambassador to the UN, Karl Weber, has reiterated the promise.") == [
        ("Karl Weber",)]
    assert statements("The union's secretary-general Dr Lina Varga insisted that the strike would go on.") == [
        ("Lina Varga",)]


def test_what_a_party_claims_happened_is_the_event_not_a_statement() -> None:
    found = [e.type for e in events_of("Rebel officials claimed that troops shelled villages near Baku on Monday.")]
    assert found == ["attack"]


def test_appealing_a_sentence_is_a_court_act_not_a_plea() -> None:
    assert statements("The defence appealed the death sentence, but the court upheld it.") == []
    assert statements("The government appealed for calm after the verdict.") != []


def test_an_accord_told_by_the_verb_of_its_relative_clause() -> None:
    assert [e.type for e in events_of("The minister defended a deal that he struck with the rebels in 2005.")] == [
        "agreement", "statement"]
    assert [e.type for e in events_of("He approved the treaties that Baku plans to sign with Tehran.")] == [
        "agreement"]
    assert [e.type for e in events_of("The talks were not on the agenda of the meetings the envoy had with his "
                                      "hosts in Baku.")] == ["meeting"]
    assert [e.type for e in events_of("The two sides struck a deal in Baku on Monday.")] == ["agreement"]
    assert [e.type for e in events_of("Lightning struck the port of Baku.")] == []


def test_the_opening_or_signing_of_a_thing_tells_its_event() -> None:
    assert [e.type for e in events_of("The senator praised the opening of the first embassy in Baku on Monday.")] == [
        "facility_opening", "statement"]
    assert [e.type for e in events_of("The premier gave her approval to signing of three accords with Tehran "
                                      "on Friday.")] == ["agreement"]
    assert [e.type for e in events_of("The opening of the talks was delayed.")] == []
    assert [e.type for e in events_of("They called for the opening of a consulate in Baku.")] == []


def test_an_event_sparked_by_a_dated_act_takes_its_time() -> None:
    event = events_of("The governor dismissed the mayor in 2007 after she opened inquiries into the police, sparking "
                      "a wave of protests in Baku.")[0]
    assert event.type == "protest"
    assert (event.interval.start, event.interval.end) == (date(2007, 1, 1), date(2007, 12, 31))


def test_forces_brought_in_and_teams_sent_by_an_army_deploy() -> None:
    assert [e.type for e in events_of("The capital has been sealed off and extra police brought in.")] == [
        "deployment"]
    assert [e.type for e in events_of("The army dispatched teams to the village near Baku on Monday.")] == [
        "deployment"]
    assert [e.type for e in events_of("Relief groups moved fast, sending medical and rescue teams to Baku.")] == []
    assert [e.type for e in events_of("The road has been closed and the bridge repaired.")] == []


def test_how_an_attack_happened_told_next_adds_to_it() -> None:
    text = ("A prominent union leader in Iran was shot dead by masked men on Monday. Two attackers in a "
            "car gunned down Lena Weber as she left her home.")
    assert [e.type for e in events_of(text)] == ["attack"]
    other = ("A prominent union leader in Iran was shot dead by masked men on Monday. In a separate case, "
             "two attackers gunned down Lena Weber as she left her home.")
    assert [e.type for e in events_of(other)] == ["attack", "attack"]


def test_a_visit_made_to_protest_is_the_protest() -> None:
    assert [e.type for e in events_of("A group of students are paying visits to the offices of oil firms in "
                                      "Baku to protest the price rises.")] == ["protest"]
    assert "visit" in [e.type for e in events_of("The minister visited Baku on Monday to attend the forum.")]


def test_violence_told_across_several_places_sums_up() -> None:
    assert [e.type for e in events_of("Some 64 people died in shootings in three towns on Tuesday, "
                                      "officials said.")] == []
    assert [e.type for e in events_of("Gunmen killed five people in Baku on Thursday.")] == ["attack"]


def test_officials_who_spoke_with_each_other_met() -> None:
    assert [e.type for e in events_of("President Karl Weber spoke with President Jan Wrona by phone on Monday.")] == [
        "meeting"]
    assert [e.type for e in events_of("The EU envoy and the interior minister had spoken and agreed to "
                                      "work together.")] == ["meeting"]
    assert [e.type for e in events_of("The minister spoke with reporters in Baku on Monday.")] == []
    assert [e.type for e in events_of("Residents talked with police about the noise.")] == []


def test_a_city_that_endured_months_of_protests_saw_protests() -> None:
    assert [e.type for e in events_of("Baku has endured two months of protests against the decree.")] == [
        "protest"]
    assert [e.type for e in events_of("Protests have become common in Baku.")] == []


def test_an_infinitive_that_says_what_a_noun_is_for_tells_no_event() -> None:
    assert events_of("Talks are the best way to reach an agreement with the rebels.") == []
    assert events_of("The talks offer a chance to sign a deal in Baku.") == []
    assert [e.type for e in events_of("He became the first president to visit Baku in ten years.")] == ["visit"]


def test_a_plan_undone_in_the_same_sentence_tells_no_event() -> None:
    text = ("Last week Baku announced that new talks were scheduled, but the rebels later said they "
            "would not participate.")
    assert [e.type for e in events_of(text)] == ["statement", "statement"]
    assert events_of("A visit to Baku was planned for May but has been postponed.") == []
    assert [e.type for e in events_of("Talks are scheduled for Monday in Baku.")] == ["meeting"]


def test_a_member_of_parliament_speaks_a_member_of_a_movement_does_not() -> None:
    assert statements('"This is a sham," said Karl Weber, a member of parliament.') == [("Karl Weber",)]
    assert statements('"This is a sham," said Karl Weber, a member of the youth movement.') == []


def test_private_people_visit_nothing_and_whether_tells_no_act() -> None:
    assert events_of("A doctor caught the flu from a tourist who had lately visited Baku.") == []
    assert events_of("The young couple first toured the Baku old town in June 2011.") == []
    assert events_of("A jury will determine whether the driver murdered a cyclist in Baku.") == []
    assert [e.type for e in events_of("The minister visited Baku on Monday.")] == ["visit"]


def test_an_office_told_again_is_its_holder_named_before() -> None:
    text = ("Karl Weber, the chief of the UN's health agency, said the outbreak would spread. At the same time, "
            "the UN chief warned that it is too soon to lift the alert.")
    assert [names[0] for names in statements(text)] == ["Karl Weber"]
    other = ("Karl Weber, the chief of the UN's health agency, said the outbreak would spread. The WHO stated that "
             "it would not back border closures.")
    assert len(statements(other)) == 2


def test_taking_part_in_the_protests_points_back_to_them() -> None:
    text = ("Thousands protested outside the palace in Baku on Friday. Those taking part in the protests across "
            "the region say the mood is like that of the last revolt.")
    assert [(e.type, len(e.sentences)) for e in events_of(text)] == [("protest", 2)]


def test_travel_advice_and_kinds_of_rooms_tell_no_event() -> None:
    assert events_of("Portugal is a lovely country to visit.") == []
    assert [e.type for e in events_of("He became the first president to visit Baku in ten years.")] == ["visit"]
    assert [e.type for e in events_of("The minister announced plans to visit Baku next week.")] == ["visit"]
    assert events_of("The inn in Baku offers several conference rooms and meeting rooms.") == []
    assert events_of("Lately there has been talk of the need for more training.") == []
    assert events_of("From April, the airline will start flying direct to Baku.") == []


def test_the_readers_own_trip_is_no_visit() -> None:
    assert events_of("Try the street food on your trip to Baku.") == []
    assert [e.type for e in events_of("The minister stopped in Baku on his trip to Tehran on Monday.")] == ["visit"]


def test_delegates_sent_to_a_meeting_tell_the_meeting() -> None:
    found = events_of("The rebels said they will send three envoys to a meeting in Baku on Oct. 4.")
    assert "meeting" in [e.type for e in found]
    assert events_of("The rebels were invited to a meeting in Baku.") == []


def test_the_first_party_of_several_named_together_speaks() -> None:
    found = statements("Canada, Poland and Iran have refused to sign the treaty at the conference.")
    assert len(found) == 1
    assert statements('"This is a sham," said Karl Weber, a member of the youth movement, and his friends.') == []


def test_comments_to_an_audience_are_a_speech() -> None:
    found = events_of("President Karl Weber, in remarks to the Trade Forum, said the budget would grow.")
    assert "speech" in [e.type for e in found]
    assert events_of("The minister declined to comment on the report.") == []


def test_what_is_said_at_a_gathering_with_a_place_is_said_there() -> None:
    statement = next(e for e in events_of("Iran and China have refused to sign the treaty at a conference in Baku.")
                     if e.type == "statement")
    assert statement.place is not None
    assert statement.place.name == "Baku"


def test_a_named_gathering_keeps_its_place_through_the_article() -> None:
    text = ("The budget was announced at the World Health Forum in Baku. Donors praised it. Nets will be bought. "
            "Prices will fall. Clinics will open. President Karl Weber, in remarks to the World Health Forum, said "
            "the plan works.")
    speech = next(e for e in events_of(text) if e.type == "speech")
    assert speech.place is not None
    assert speech.place.name == "Baku"


def test_targets_who_fired_too_make_a_fight() -> None:
    assert [e.type for e in events_of("In Baku, police killed three men on Friday who ignored an order to halt their van "
                                      "at a roadblock and began shooting.")] == ["clash"]
    assert [e.type for e in events_of("Gunmen shot four men who were waiting at a bus stop in Baku.")] == ["attack"]


def test_the_time_since_an_event_is_no_news_of_it() -> None:
    assert events_of("It has been three years since a bombing has claimed so many lives in "
                     "Baku.") == []
    assert [e.type for e in events_of("Protests have continued since troops attacked the village of Baku on "
                                      "Monday.")] == ["attack"]
