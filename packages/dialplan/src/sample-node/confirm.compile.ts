/** The dialplan layer of the test-only sample node type (see flow/src/sample-node/confirm.node.ts). */
import { promptFile } from '@stumpfworks/flow';
import type { ConfirmNode } from '../../../flow/src/sample-node/confirm.node.js';
import { app } from '../ir.js';
import { follow, nodeContextOf, type NodeCompiler } from '../node-scope.js';

/** Confirm: Background() + WaitExten(); the node's key → `yes`, any other key (`i`) or none (`t`) → `no`. */
export const confirmCompiler: NodeCompiler<ConfirmNode> = {
  compile: (scope) => {
    const { prompt, key, timeoutSeconds } = scope.node.params;
    const steps = [app('Background', promptFile(prompt)), app('WaitExten', String(timeoutSeconds))];
    return [
      nodeContextOf(scope, steps, [
        { name: key, priorities: follow(scope, 'yes') },
        { name: 'i', priorities: follow(scope, 'no') },
        { name: 't', priorities: follow(scope, 'no') },
      ]),
    ];
  },
};
