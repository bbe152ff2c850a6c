#include <charter/batch.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace charter {

std::string_view to_string(record_kind kind) noexcept {
  switch (kind) {
    case record_kind::organization:
      return "organization";
    case record_kind::person:
      return "person";
    case record_kind::foundation:
      return "foundation";
    case record_kind::project:
      return "project";
    case record_kind::body:
      return "body";
    case record_kind::membership:
      return "membership";
    case record_kind::seat:
      return "seat";
    case record_kind::role:
      return "role";
    case record_kind::meeting:
      return "meeting";
    case record_kind::invoice:
      return "invoice";
    case record_kind::report:
      return "report";
    case record_kind::election:
      return "election";
  }
  return "record";
}

std::string to_string(const record_key& key) {
  struct visitor {
    std::string operator()(const org_id& id) const {
      return "organization " + id.str();
    }
    std::string operator()(const person_id& id) const {
      return "person " + id.str();
    }
    std::string operator()(const foundation_id& id) const {
      return "foundation " + id.str();
    }
    std::string operator()(const project_id& id) const {
      return "project " + id.str();
    }
    std::string operator()(const body_id& id) const {
      return "body " + id.str();
    }
    std::string operator()(const membership_key& k) const {
      return fmt::format("membership of {} in {} from {}", k.org.str(),
                         k.foundation.str(), to_string(k.from));
    }
    std::string operator()(const seat_key& k) const {
      return fmt::format("seat of {} on {}{} from {}", k.person.str(),
                         k.body.str(),
                         k.seat_class.str().empty()
                             ? std::string{}
                             : fmt::format(" (class {})", k.seat_class.str()),
                         to_string(k.from));
    }
    std::string operator()(const role_key& k) const {
      // The scope's kind, since a foundation and a project may share an id;
      // a body is sat on, a foundation or a project worked in.
      static constexpr const char* where[] = {"in foundation", "in project",
                                              "on body"};
      return fmt::format("role '{}' of {} {} {} from {}", k.title,
                         k.person.str(), where[k.scope.index()], str(k.scope),
                         to_string(k.from));
    }
    std::string operator()(const meeting_id& id) const {
      return "meeting " + id.str();
    }
    std::string operator()(const invoice_id& id) const {
      return "invoice " + id.str();
    }
    std::string operator()(const report_key& k) const {
      return fmt::format("report of {} for {}", k.body.str(),
                         to_string(k.month));
    }
    std::string operator()(const election_id& id) const {
      return "election " + id.str();
    }
  };
  return std::visit(visitor{}, key);
}

batch& batch::join(org_id org, foundation_id foundation, tier_id tier, date on,
                   bool founding) {
  ops_.emplace_back(op::join{std::move(org), std::move(foundation),
                             std::move(tier), on, founding});
  return *this;
}
batch& batch::leave(org_id org, foundation_id foundation, date on) {
  ops_.emplace_back(op::leave{std::move(org), std::move(foundation), on});
  return *this;
}
batch& batch::change_tier(org_id org, foundation_id foundation, tier_id tier,
                          date on) {
  ops_.emplace_back(op::change_tier{std::move(org), std::move(foundation),
                                    std::move(tier), on});
  return *this;
}
batch& batch::affiliate(person_id person, affiliation tie) {
  ops_.emplace_back(op::affiliate{std::move(person), std::move(tie)});
  return *this;
}
batch& batch::end_affiliation(person_id person, org_id org, date on) {
  ops_.emplace_back(op::end_affiliation{std::move(person), std::move(org), on});
  return *this;
}
batch& batch::end_seat(body_id body, person_id person, date on,
                       std::optional<seat_class_id> seat_class) {
  ops_.emplace_back(op::end_seat{std::move(body), std::move(person), on,
                                 std::move(seat_class)});
  return *this;
}
batch& batch::end_role(person_id person, std::string title, role_scope scope,
                       date on) {
  ops_.emplace_back(
      op::end_role{std::move(person), std::move(title), std::move(scope), on});
  return *this;
}
batch& batch::merge(org_id duplicate, org_id into) {
  ops_.emplace_back(op::merge{std::move(duplicate), std::move(into)});
  return *this;
}

batch& batch::merge(person_id duplicate, person_id into) {
  ops_.emplace_back(op::merge{std::move(duplicate), std::move(into)});
  return *this;
}

batch& batch::remove(record_key key, bool cascade) {
  ops_.emplace_back(op::remove{std::move(key), cascade});
  return *this;
}
batch& batch::transfer(project_id project, steward_ref to, date on) {
  ops_.emplace_back(op::transfer{std::move(project), std::move(to), on});
  return *this;
}

batch& batch::record_vote(meeting_id meeting, meeting_vote vote) {
  ops_.emplace_back(op::record_vote{std::move(meeting), std::move(vote)});
  return *this;
}
batch& batch::record_payment(invoice_id invoice, date on, money amount) {
  ops_.emplace_back(op::record_payment{std::move(invoice),
                                       payment{on, std::move(amount), {}}});
  return *this;
}
batch& batch::submit_report(body_id body, year_month month, date on) {
  return add(submitted_report{std::move(body), month, on, {}});
}

namespace {
struct describer {
  template <class Record>
  std::string operator()(const op::add<Record>& o) const {
    return "add " + to_string(key(o.record));
  }
  template <class Record>
  std::string operator()(const op::update<Record>& o) const {
    return "update " + to_string(key(o.record));
  }
  std::string operator()(const op::join& o) const {
    return fmt::format("join {} {} {} {}{}", o.org.str(), o.foundation.str(),
                       o.tier.str(), to_string(o.on),
                       o.founding ? " founding" : "");
  }
  std::string operator()(const op::leave& o) const {
    return fmt::format("leave {} {} {}", o.org.str(), o.foundation.str(),
                       to_string(o.on));
  }
  std::string operator()(const op::change_tier& o) const {
    return fmt::format("change-tier {} {} {} {}", o.org.str(),
                       o.foundation.str(), o.tier.str(), to_string(o.on));
  }
  std::string operator()(const op::affiliate& o) const {
    return fmt::format("affiliate {} {} {}", o.person.str(), o.tie.org.str(),
                       to_string(o.tie.when));
  }
  std::string operator()(const op::end_affiliation& o) const {
    return fmt::format("end-affiliation {} {} {}", o.person.str(), o.org.str(),
                       to_string(o.on));
  }
  std::string operator()(const op::end_seat& o) const {
    return fmt::format("end-seat {} {}{} {}", o.body.str(), o.person.str(),
                       o.seat_class ? " class " + o.seat_class->str() : "",
                       to_string(o.on));
  }
  std::string operator()(const op::end_role& o) const {
    return fmt::format("end-role {} '{}' {} {}", o.person.str(), o.title,
                       str(o.scope), to_string(o.on));
  }
  std::string operator()(const op::transfer& o) const {
    return fmt::format("transfer {} {} {}", o.project.str(), str(o.to),
                       to_string(o.on));
  }

  std::string operator()(const op::remove& o) const {
    return fmt::format("remove {}{}", to_string(o.key),
                       o.cascade ? " cascade" : "");
  }
  std::string operator()(const op::merge& o) const {
    return fmt::format("merge {} into {}", to_string(o.duplicate),
                       to_string(o.into));
  }
  std::string operator()(const op::record_vote& o) const {
    return fmt::format("record-vote {} '{}' {}-{}-{}", o.meeting.str(),
                       o.vote.motion, o.vote.yes, o.vote.no, o.vote.abstain);
  }
  std::string operator()(const op::record_payment& o) const {
    return fmt::format("record-payment {} {} {}", o.invoice.str(),
                       to_string(o.paid.on), to_string(o.paid.amount));
  }

  static record_key key(const organization& r) { return r.id; }
  static record_key key(const person& r) { return r.id; }
  static record_key key(const foundation& r) { return r.id; }
  static record_key key(const project& r) { return r.id; }
  static record_key key(const body& r) { return r.id; }
  static record_key key(const meeting& r) { return r.id; }
  static record_key key(const invoice& r) { return r.id; }
  static record_key key(const election& r) { return r.id; }
  template <class Record>
  static record_key key(const Record& r) {
    return key_of(r);
  }
};
}  // namespace

record_key key_of(const any_record& r) {
  return std::visit([](const auto& x) { return describer::key(x); }, r);
}

std::vector<std::string> batch::describe() const {
  std::vector<std::string> lines;
  lines.reserve(ops_.size());
  for (const auto& o : ops_) lines.push_back(std::visit(describer{}, o));
  return lines;
}

}  // namespace charter
