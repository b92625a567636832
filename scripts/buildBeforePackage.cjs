'use strict';
// A local osls plugin: every `serverless package` and `serverless deploy` runs `node build.mjs`
// first, so what is packaged is always the code of the working tree, never an old dist/.
const { execFileSync } = require('node:child_process');

class BuildBeforePackage {
  constructor(serverless) {
    const build = () => {
      serverless.cli.log('Building dist/ (node build.mjs)…');
      execFileSync(process.execPath, ['build.mjs'], { cwd: serverless.serviceDir ?? serverless.config.servicePath, stdio: 'inherit' });
    };
    this.hooks = {
      'before:package:createDeploymentArtifacts': build,
      'before:deploy:function:packageFunction': build,
    };
  }
}

module.exports = BuildBeforePackage;
