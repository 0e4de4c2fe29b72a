// Where the operations command finds the cluster's members and how it replaces one: the Kubernetes
// API in a Job (pods of the StatefulSet), or the members named on the command line when an operator
// runs it by hand. Every decision about order and health is made by the caller, not here.

export interface Member {
  /** Patroni's member name: the pod name in Kubernetes. */
  name: string;
  /** Base URL of the member's Patroni REST API, e.g. http://10.0.0.5:8008. */
  restUrl: string;
  /** The member runs the desired pod template (always true when no rollout is asked for). */
  upToDate: boolean;
  /** The platform reports it ready (the pod's Ready condition; locally: its REST API answers). */
  ready: boolean;
}

export interface MemberSource {
  list(): Promise<Member[]>;
  /**
   * Replaces the member with one from the desired template and resolves once the replacement exists
   * (started, not necessarily ready or streaming: the caller waits for that through Patroni).
   */
  recreate(name: string): Promise<void>;
}
