/*
 * Reading the local firewall for rules that answer with a TCP reset:
 * `nft -j list ruleset` (JSON, parsed with cJSON) and `iptables-save` /
 * `ip6tables-save` text. Pure functions over the helpers' output.
 */
#ifndef CONNRESET_PROBE_LOCAL_FW_H
#define CONNRESET_PROBE_LOCAL_FW_H

struct spawn_result;

/*
 * Looks for a "reject with tcp reset" rule whose address and port
 * matches cover addr:port (a rule without an address match covers every
 * address). Returns 1 and sets *detail (owned, sanitized) to a
 * description of the first such rule, 0 when there is none, -1 when
 * the JSON cannot be read (*detail says so).
 */
int local_fw_nft(const char *json, const char *addr, int port,
    char **detail);
/* The same for iptables-save text: "-j REJECT --reject-with tcp-reset". */
int local_fw_iptables(const char *text, const char *addr, int port,
    char **detail);
/*
 * Says why a firewall helper's output could not be used, or returns NULL
 * when it ran fine. Owned by the caller, sanitized, translated.
 */
char *local_fw_failure(const char *tool, const struct spawn_result *r);
/*
 * list ("tool: reason; tool: reason") with why ("tool: reason") added,
 * a reason said once: "nft: X" and "iptables-save: X" make "nft,
 * iptables-save: X". Owned by the caller.
 */
char *local_fw_join(const char *list, const char *why);

#endif
