#include "dispatch/response_plan.hpp"

#include "util/data_paths.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/text.hpp"

namespace erde {
namespace {

using nlohmann::json;

// Where in the document a value sits, for messages: "<file>: plans.fire.large.teams: <reason>".
struct Where {
  std::string_view source;
  std::string key;
  [[noreturn]] void fail(const std::string& reason) const {
    throw Error(std::string(source) + ": " + (key.empty() ? "" : key + ": ") + reason);
  }
  Where child(std::string_view k) const { return {source, key.empty() ? std::string(k) : key + "." + std::string(k)}; }
};

template <typename E>
E parse_key(const Where& where, const std::string& text) {
  if (auto v = parse_enum<E>(text)) return *v;
  where.fail("unknown " + std::string(EnumTable<E>::label) + " '" + text +
             "'; allowed: " + allowed_values<E>());
}

double non_negative_number(const Where& where, const json& value) {
  if (!value.is_number()) where.fail("expected a number, got " + value.dump());
  double v = value.get<double>();
  if (!std::isfinite(v) || v < 0.0) where.fail("expected a finite number >= 0, got " + value.dump());
  return v;
}

void check_known_keys(const Where& where, const json& object, std::initializer_list<std::string_view> known) {
  for (const auto& item : object.items()) {
    if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      where.fail("unknown field '" + item.key() + "'; allowed: " + list);
    }
  }
}

ResponsePlan parse_plan(const Where& where, const json& body, IncidentType type, Severity severity) {
  if (!body.is_object()) where.fail("expected an object");
  check_known_keys(where, body, {"teams", "equipment", "materials", "evacuation_radius_m", "warning_radius_m"});
  ResponsePlan plan;
  plan.type = type;
  plan.severity = severity;

  if (body.contains("teams")) {
    Where w = where.child("teams");
    const json& teams = body["teams"];
    if (!teams.is_object()) w.fail("expected an object of capability: count");
    for (const auto& item : teams.items()) {
      Where wi = w.child(item.key());
      Capability cap = parse_key<Capability>(wi, item.key());
      if (!item.value().is_number_integer() || item.value().get<int64_t>() < 0 || item.value().get<int64_t>() > 1000)
        wi.fail("team count must be a whole number 0..1000, got " + item.value().dump());
      int count = static_cast<int>(item.value().get<int64_t>());
      for (const auto& r : plan.teams)
        if (r.capability == cap) wi.fail("capability '" + std::string(to_string(cap)) + "' given twice");
      if (count > 0) plan.teams.push_back({cap, count});
    }
    std::sort(plan.teams.begin(), plan.teams.end(),
              [](const TeamRequirement& a, const TeamRequirement& b) { return a.capability < b.capability; });
  }
  if (body.contains("equipment")) {
    Where w = where.child("equipment");
    const json& eq = body["equipment"];
    if (!eq.is_array()) w.fail("expected a list of text");
    for (const auto& e : eq) {
      if (!e.is_string()) w.fail("expected text, got " + e.dump());
      plan.equipment.push_back(e.get<std::string>());
    }
  }
  if (body.contains("materials")) {
    Where w = where.child("materials");
    const json& mats = body["materials"];
    if (!mats.is_object()) w.fail("expected an object of material: quantity");
    for (const auto& item : mats.items()) {
      Where wi = w.child(item.key());
      Material m = parse_key<Material>(wi, item.key());
      double q = non_negative_number(wi, item.value());
      for (const auto& r : plan.materials)
        if (r.material == m) wi.fail("material '" + std::string(to_string(m)) + "' given twice");
      if (q > 0.0) plan.materials.push_back({m, q});
    }
    std::sort(plan.materials.begin(), plan.materials.end(),
              [](const MaterialRequirement& a, const MaterialRequirement& b) { return a.material < b.material; });
  }
  if (body.contains("evacuation_radius_m") && !body["evacuation_radius_m"].is_null()) {
    double r = non_negative_number(where.child("evacuation_radius_m"), body["evacuation_radius_m"]);
    if (r > 0.0) plan.evacuation_radius_m = r;
  }
  if (!body.contains("warning_radius_m")) where.fail("missing field 'warning_radius_m'");
  plan.warning_radius_m = non_negative_number(where.child("warning_radius_m"), body["warning_radius_m"]);
  if (plan.evacuation_radius_m && *plan.evacuation_radius_m > plan.warning_radius_m)
    where.fail("evacuation_radius_m is larger than warning_radius_m");
  return plan;
}

// Text shown to the officer and sent on: UTF-8, nothing hidden.
std::string officer_text(const Where& where, const json& value) {
  if (!value.is_string()) where.fail("expected text, got " + value.dump());
  std::string text = value.get<std::string>();
  if (!valid_utf8(text)) where.fail("not UTF-8 text");
  for (size_t pos = 0; pos < text.size();)
    if (is_hidden_char(*next_utf8(text, pos)))
      where.fail("contains a control or invisible character: " + printable_text(text));
  return text;
}

// "substitutes": {"traffic": [{"by": "fire_fighting", "note": "..."}, ...], ...}
std::vector<TeamSubstitute> parse_substitutes(const Where& where, const json& body) {
  if (!body.is_object()) where.fail("expected an object of capability: list of substitutes");
  std::vector<TeamSubstitute> out;
  for (const auto& item : body.items()) {
    Where wc = where.child(item.key());
    const Capability slot = parse_key<Capability>(wc, item.key());
    for (const TeamSubstitute& s : out)
      if (s.slot == slot) wc.fail("capability '" + std::string(to_string(slot)) + "' given twice");
    if (!item.value().is_array()) wc.fail("expected a list of {\"by\": capability, \"note\": text}");
    for (size_t k = 0; k < item.value().size(); ++k) {
      const json& entry = item.value()[k];
      Where we = wc.child(std::to_string(k));
      if (!entry.is_object()) we.fail("expected {\"by\": capability, \"note\": text}, got " + entry.dump());
      check_known_keys(we, entry, {"by", "note"});
      if (!entry.contains("by") || !entry["by"].is_string()) we.fail("missing capability 'by'");
      TeamSubstitute sub{slot, parse_key<Capability>(we.child("by"), entry["by"].get<std::string>()), {}};
      if (sub.by == slot) we.child("by").fail("a capability cannot substitute for itself");
      for (const TeamSubstitute& s : out)
        if (s.slot == slot && s.by == sub.by)
          we.child("by").fail("'" + std::string(to_string(sub.by)) + "' listed twice for " + std::string(to_string(slot)));
      if (entry.contains("note")) sub.note = officer_text(we.child("note"), entry["note"]);
      out.push_back(std::move(sub));
    }
  }
  // By slot capability (JSON objects carry no order); each slot's list keeps the file's order.
  std::stable_sort(out.begin(), out.end(), [](const TeamSubstitute& x, const TeamSubstitute& y) { return x.slot < y.slot; });
  return out;
}

MutualAidContact parse_contact(const Where& where, const json& body) {
  if (!body.is_object()) where.fail("expected {\"to\": text, \"contact\": text}, got " + body.dump());
  check_known_keys(where, body, {"to", "contact"});
  if (!body.contains("to")) where.fail("missing field 'to'");
  MutualAidContact c{officer_text(where.child("to"), body["to"]), {}};
  if (c.to.empty()) where.child("to").fail("must not be empty");
  if (body.contains("contact")) c.contact = officer_text(where.child("contact"), body["contact"]);
  return c;
}

template <typename E>
std::vector<std::pair<E, MutualAidContact>> parse_contacts_by(const Where& where, const json& body) {
  if (!body.is_object()) where.fail("expected an object of " + std::string(EnumTable<E>::label) + ": contact");
  std::vector<std::pair<E, MutualAidContact>> out;
  for (const auto& item : body.items()) {
    Where wi = where.child(item.key());
    const E key = parse_key<E>(wi, item.key());
    for (const auto& [k, c] : out)
      if (k == key) wi.fail("'" + std::string(to_string(key)) + "' given twice");
    out.emplace_back(key, parse_contact(wi, item.value()));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

// "mutual_aid": {"default": contact, "teams": {capability: contact}, "materials": {material:
// contact}, "shelter": contact}
MutualAidContacts parse_mutual_aid(const Where& where, const json& body) {
  if (!body.is_object()) where.fail("expected an object with 'default', 'teams', 'materials', 'shelter'");
  check_known_keys(where, body, {"default", "teams", "materials", "shelter"});
  MutualAidContacts out;
  if (body.contains("default")) out.fallback = parse_contact(where.child("default"), body["default"]);
  if (body.contains("teams")) out.teams = parse_contacts_by<Capability>(where.child("teams"), body["teams"]);
  if (body.contains("materials")) out.materials = parse_contacts_by<Material>(where.child("materials"), body["materials"]);
  if (body.contains("shelter")) out.shelter = parse_contact(where.child("shelter"), body["shelter"]);
  return out;
}

// "first_due": {"faster_by_s": 120}
FirstDueRule parse_first_due(const Where& where, const json& body) {
  if (!body.is_object()) where.fail("expected {\"faster_by_s\": seconds}");
  check_known_keys(where, body, {"faster_by_s"});
  if (!body.contains("faster_by_s")) where.fail("missing field 'faster_by_s'");
  const double s = non_negative_number(where.child("faster_by_s"), body["faster_by_s"]);
  if (s > 3600.0) where.child("faster_by_s").fail("expected at most 3600 seconds, got " + body["faster_by_s"].dump());
  return {s};
}

// "preemption": {"major": ["general"], "especially_major": ["general", "large"]}: by the taking
// incident's severity, the lower severities it may take dispatched teams from.
std::array<std::vector<Severity>, kSeverityCount> parse_preemption(const Where& where, const json& body) {
  if (!body.is_object()) where.fail("expected an object of severity: list of lower severities");
  std::array<std::vector<Severity>, kSeverityCount> out;
  for (const auto& item : body.items()) {
    Where ws = where.child(item.key());
    const Severity taker = parse_key<Severity>(ws, item.key());
    if (!item.value().is_array()) ws.fail("expected a list of severities, got " + item.value().dump());
    std::vector<Severity>& from = out[static_cast<size_t>(taker)];
    for (size_t k = 0; k < item.value().size(); ++k) {
      Where we = ws.child(std::to_string(k));
      const json& v = item.value()[k];
      if (!v.is_string()) we.fail("expected a severity, got " + v.dump());
      const Severity s = parse_key<Severity>(we, v.get<std::string>());
      if (s >= taker)
        we.fail("'" + std::string(to_string(s)) + "' is not lower than '" + std::string(to_string(taker)) +
                "': an incident may take teams only from less severe ones");
      if (std::find(from.begin(), from.end(), s) != from.end())
        we.fail("'" + std::string(to_string(s)) + "' listed twice");
      from.push_back(s);
    }
    std::sort(from.begin(), from.end());
  }
  return out;
}

}  // namespace

ResponsePlanBook parse_response_plans(const json& document, std::string_view source) {
  Where root{source, ""};
  if (!document.is_object()) root.fail("expected a JSON object with 'plans'");
  check_known_keys(root, document, {"format", "description", "substitutes", "first_due", "mutual_aid", "preemption", "plans"});
  if (document.contains("format") && document["format"] != "erde.response_plans/1")
    root.child("format").fail("expected \"erde.response_plans/1\", got " + document["format"].dump());
  if (!document.contains("plans")) root.fail("missing field 'plans'");
  Where wplans = root.child("plans");
  const json& plans = document["plans"];
  if (!plans.is_object()) wplans.fail("expected an object keyed by incident type");

  std::array<std::array<bool, kSeverityCount>, kIncidentTypeCount> seen{};
  ResponsePlanBook book;
  for (const auto& by_type : plans.items()) {
    Where wt = wplans.child(by_type.key());
    IncidentType type = parse_key<IncidentType>(wt, by_type.key());
    if (!by_type.value().is_object()) wt.fail("expected an object keyed by severity");
    for (const auto& by_sev : by_type.value().items()) {
      Where ws = wt.child(by_sev.key());
      Severity sev = parse_key<Severity>(ws, by_sev.key());
      bool& done = seen[static_cast<size_t>(type)][static_cast<size_t>(sev)];
      if (done) ws.fail("plan for " + std::string(to_string(type)) + " / " + std::string(to_string(sev)) + " given twice");
      done = true;
      book.plans[static_cast<size_t>(type)][static_cast<size_t>(sev)] = parse_plan(ws, by_sev.value(), type, sev);
    }
  }
  std::string missing;
  for (const auto& t : EnumTable<IncidentType>::entries)
    for (const auto& s : EnumTable<Severity>::entries)
      if (!seen[static_cast<size_t>(t.value)][static_cast<size_t>(s.value)])
        missing += (missing.empty() ? "" : ", ") + std::string(t.en) + "." + std::string(s.en);
  if (!missing.empty()) wplans.fail("no plan for " + missing + " (every incident type needs all four severities)");
  if (document.contains("substitutes")) {
    const std::vector<TeamSubstitute> subs = parse_substitutes(root.child("substitutes"), document["substitutes"]);
    for (auto& by_type : book.plans)
      for (ResponsePlan& plan : by_type) plan.substitutes = subs;
  }
  if (document.contains("first_due")) {
    const FirstDueRule rule = parse_first_due(root.child("first_due"), document["first_due"]);
    for (auto& by_type : book.plans)
      for (ResponsePlan& plan : by_type) plan.first_due = rule;
  }
  if (document.contains("mutual_aid")) {
    const MutualAidContacts contacts = parse_mutual_aid(root.child("mutual_aid"), document["mutual_aid"]);
    for (auto& by_type : book.plans)
      for (ResponsePlan& plan : by_type) plan.mutual_aid = contacts;
  }
  if (document.contains("preemption")) {
    const auto rule = parse_preemption(root.child("preemption"), document["preemption"]);
    for (auto& by_type : book.plans)
      for (ResponsePlan& plan : by_type) plan.may_take_from = rule[static_cast<size_t>(plan.severity)];
  }
  return book;
}

ResponsePlanBook load_response_plans(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error(file.string() + ": cannot open response plans");
  json document;
  try {
    document = json::parse(in);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
    throw Error(file.string() + ": not valid JSON: " + e.what());
  }
  return parse_response_plans(document, file.string());
}

std::filesystem::path default_response_plans_path() {
  if (const char* env = std::getenv("ERDE_RESPONSE_PLANS"); env && *env) return env;
  return data_file("response_plans.json");
}

}  // namespace erde
